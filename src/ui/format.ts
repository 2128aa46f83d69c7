// How findings are shown in the send-time dialog: masking of sensitive values and excerpts around a
// match. Pure (unit-tested in Node); the strings it returns are displayed, never logged or stored.
import type { DetectorType, Finding } from '../core/index.js';

/** Types whose value is itself the secret: show only enough to recognise it. */
const MASKED: ReadonlySet<DetectorType> = new Set<DetectorType>(['iban', 'credit_card', 'de_tax_id', 'de_kvnr', 'phone']);

export const MASK = '•';

/**
 * Keep the first `head` and last `tail` letters/digits, mask the rest, keep separators as typed:
 * "DE89 3704 0044 0532 0130 00" → "DE89 •••• •••• •••• •••• 00". Short values keep less.
 */
export function maskValue(value: string, head = 4, tail = 2): string {
  const significant = [...value].filter((c) => /[\p{L}\p{N}]/u.test(c)).length;
  if (significant <= head + tail + 2) {
    head = Math.min(head, Math.floor(significant / 4));
    tail = Math.min(tail, Math.floor(significant / 5));
  }
  let seen = 0;
  let out = '';
  for (const c of value) {
    if (!/[\p{L}\p{N}]/u.test(c)) {
      out += c;
      continue;
    }
    out += seen < head || seen >= significant - tail ? c : MASK;
    seen++;
  }
  return out;
}

function maskEmail(value: string): string {
  const at = value.indexOf('@');
  if (at <= 0) return maskValue(value);
  return value[0] + MASK.repeat(Math.max(1, at - 1)) + value.slice(at);
}

/** The finding's text as the dialog may show it. */
export function displayValue(type: DetectorType, text: string): string {
  if (type === 'email') return maskEmail(text);
  return MASKED.has(type) ? maskValue(text) : text;
}

export interface Segment {
  text: string;
  /** The finding this excerpt is about. */
  mark?: boolean;
}

const ELLIPSIS = '…';
/** An excerpt shows several findings together when they are at most this far apart. */
const CLUSTER_GAP = 40;
/** … but never spans more than this many characters of findings. */
const CLUSTER_SPAN = 160;

/**
 * The excerpt around findings[indexes]: up to `radius` characters either side (cut at a word
 * boundary, never inside another finding), the given findings marked, every sensitive value inside
 * the excerpt masked, line breaks shown as spaces.
 */
export function excerpt(text: string, findings: readonly Finding[], indexes: number | readonly number[], radius = 32): Segment[] {
  const marked = new Set(typeof indexes === 'number' ? [indexes] : indexes);
  const targets = [...marked].map((i) => findings[i]).filter((f): f is Finding => f !== undefined);
  if (targets.length === 0) return [];
  const first = Math.min(...targets.map((f) => f.start));
  const last = Math.max(...targets.map((f) => f.end));
  let from = Math.max(0, first - radius);
  let to = Math.min(text.length, last + radius);
  // Do not cut words: move inwards to the next space (the matches themselves are never cut).
  if (from > 0) {
    const sp = text.slice(from, first).search(/\s/);
    if (sp >= 0) from += sp + 1;
  }
  if (to < text.length) {
    const tailText = text.slice(last, to);
    const sp = Math.max(tailText.lastIndexOf(' '), tailText.lastIndexOf('\n'));
    if (sp >= 0) to = last + sp;
  }
  // Never cut another finding in half: widen the window to hold it whole.
  for (const g of findings) {
    if (g.start < from && g.end > from) from = g.start;
    if (g.start < to && g.end > to) to = g.end;
  }
  const inside = findings
    .map((g, i) => ({ g, i }))
    .filter(({ g }) => g.start >= from && g.end <= to)
    .sort((a, b) => a.g.start - b.g.start);
  const segs: Segment[] = [];
  const plain = (s: string) => {
    if (s) segs.push({ text: s.replace(/\s*\n\s*/g, ' ') });
  };
  let pos = from;
  for (const { g, i } of inside) {
    if (g.start < pos) continue; // overlaps were resolved by the engine; be safe anyway
    plain(text.slice(pos, g.start));
    const shown = displayValue(g.type, g.text).replace(/\s*\n\s*/g, ' ');
    segs.push(marked.has(i) ? { text: shown, mark: true } : { text: shown });
    pos = g.end;
  }
  plain(text.slice(pos, to));
  if (from > 0) segs.unshift({ text: ELLIPSIS });
  if (to < text.length) segs.push({ text: ELLIPSIS });
  return segs;
}

export interface FindingGroup {
  type: DetectorType;
  /** Up to `perType` excerpts (findings close together share one); `more` counts findings not shown. */
  excerpts: Segment[][];
  more: number;
  /** Some of these findings were read from an image (issue 5, OCR): the dialog says so. */
  image?: boolean;
}

/** Findings (indexes, sorted by position) in clusters of neighbours that one excerpt can show. */
function clusters(findings: readonly Finding[], idx: readonly number[]): number[][] {
  const out: number[][] = [];
  for (const i of idx) {
    const f = findings[i]!;
    const cur = out[out.length - 1];
    const head = cur ? findings[cur[0]!]! : undefined;
    const tail = cur ? findings[cur[cur.length - 1]!]! : undefined;
    if (cur && head && tail && f.start - tail.end <= CLUSTER_GAP && f.end - head.start <= CLUSTER_SPAN) cur.push(i);
    else out.push([i]);
  }
  return out;
}

/**
 * One entry per detector type that raised the action, in the decision's order (strongest first).
 * Findings of other types (allowed by the policy) are not listed, but still masked inside excerpts.
 */
export function groupFindings(
  text: string,
  findings: readonly Finding[],
  types: readonly DetectorType[],
  perType = 2,
): FindingGroup[] {
  const groups: FindingGroup[] = [];
  for (const type of new Set(types)) {
    const idx = findings.map((f, i) => (f.type === type ? i : -1)).filter((i) => i >= 0).sort((a, b) => findings[a]!.start - findings[b]!.start);
    if (idx.length === 0) continue;
    const shown = clusters(findings, idx).slice(0, perType);
    groups.push({
      type,
      excerpts: shown.map((c) => excerpt(text, findings, c)),
      more: idx.length - shown.reduce((n, c) => n + c.length, 0),
      ...(idx.some((i) => findings[i]!.source === 'image') ? { image: true } : {}),
    });
  }
  return groups;
}
