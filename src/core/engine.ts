// The engine: run recognizers → link context across types → resolve overlaps → allow-list → threshold → decide.
// Pure TypeScript; runs unchanged in Node (CLI, tests), the content script and extension pages.
import { DETECTOR_TYPES, type AnalysisContext, type ClientEntry, type DetectorType, type Finding, type Recognizer, type Sensitivity } from './types.js';
import { lowerSameLength } from './text.js';
import { applyMode, counts, decide, type Decision } from './policy/decide.js';
import type { Policy } from './policy/policy.js';
import { makeHashedClientMatcher, type HashedClientMatcher } from './policy/client-hash.js';
import { customRecognizers } from './policy/custom-rules.js';
import { RECOGNIZERS } from './recognizers/index.js';
import { normalizeOcrText } from './ocr-text.js';

export interface AnalyzeOptions {
  /** The text came from OCR: match tolerantly. */
  ocr?: boolean;
  /**
   * With `ocr`: only the text from this offset on came from OCR (a caption before it was typed). Only
   * that part is repaired, and only its findings are marked `source: "image"`. Default 0.
   */
  ocrFrom?: number;
}

export interface Analysis {
  /** Findings that count under the policy (above threshold, not allow-listed), sorted by start. */
  findings: Finding[];
  decision: Decision;
  /** Set when a recognizer threw: the decision then follows policy.onError. */
  error?: { recognizer: string; message: string };
}

/** Types whose finding, when it overlaps another type's, wins (checksums first). */
const TYPE_PRIORITY: Record<DetectorType, number> = {
  iban: 9, credit_card: 9, de_tax_id: 9, de_kvnr: 9, email: 8, client_name: 7, health: 5, phone: 4, person_name: 1,
  // Custom findings never compete in overlap resolution (see analyze); listed for completeness.
  custom: 6,
};

/** A health finding this close (characters) to a person reference is about that person: Art. 9 proper. */
const PERSON_LINK_WINDOW = 120;
const PERSON_LINK_BOOST = 0.2;

function strength(f: Finding): number {
  return (f.explanation.validator?.result === 'valid' ? 100 : 0) + TYPE_PRIORITY[f.type] * 2 + f.score;
}

function overlaps(a: Finding, b: Finding): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Keep, of any overlapping findings, the stronger one (same type: the longer, then higher score). */
export function resolveOverlaps(findings: Finding[]): Finding[] {
  const sorted = [...findings].sort((a, b) => strength(b) - strength(a) || (b.end - b.start) - (a.end - a.start));
  const kept: Finding[] = [];
  for (const f of sorted) {
    if (kept.some((k) => overlaps(k, f))) continue;
    kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}

function linkPersons(findings: Finding[]): void {
  const persons = findings.filter((f) => f.type === 'client_name' || f.type === 'person_name');
  if (persons.length === 0) return;
  for (const f of findings) {
    if (f.type !== 'health') continue;
    const near = persons.find((p) => Math.max(p.start - f.end, f.start - p.end, 0) <= PERSON_LINK_WINDOW);
    if (!near) continue;
    f.score = Math.min(1, f.score + PERSON_LINK_BOOST);
    f.explanation = {
      ...f.explanation,
      notes: [...(f.explanation.notes ?? []), `near a person reference (${near.type}): score raised by ${PERSON_LINK_BOOST}`],
    };
  }
}

const hashMatchers = new WeakMap<Policy, HashedClientMatcher>();
// One client array per policy object: the client index is cached by the array's identity, so a fresh
// array on every send would make each analysis re-check the whole list.
const clientLists = new WeakMap<Policy, readonly ClientEntry[]>();

function clientsOf(policy: Policy): readonly ClientEntry[] {
  let list = clientLists.get(policy);
  if (!list) clientLists.set(policy, (list = policy.clients.map((name) => ({ name }))));
  return list;
}

export function buildContext(text: string, policy: Policy, options: AnalyzeOptions = {}): AnalysisContext {
  const sensitivity = {} as Record<DetectorType, Sensitivity>;
  for (const t of DETECTOR_TYPES) sensitivity[t] = policy.detectors[t].sensitivity;
  const ctx: AnalysisContext = {
    text,
    lower: lowerSameLength(text),
    clients: clientsOf(policy),
    ocr: options.ocr === true,
    sensitivity,
  };
  if (policy.clientHashes) {
    let m = hashMatchers.get(policy);
    if (!m) hashMatchers.set(policy, (m = makeHashedClientMatcher(policy.clientHashes)));
    ctx.clientHashMatcher = m;
  }
  return ctx;
}

const recognizerLists = new WeakMap<Policy, readonly Recognizer[]>();

/** The built-in recognizers plus the policy's custom rules (compiled once per policy object). */
export function recognizersFor(policy: Policy): readonly Recognizer[] {
  let list = recognizerLists.get(policy);
  if (!list) {
    const custom = customRecognizers(policy);
    list = custom.length ? [...RECOGNIZERS, ...custom] : RECOGNIZERS;
    recognizerLists.set(policy, list);
  }
  return list;
}

/** All raw findings of all recognizers, before policy thresholds (for tests and the eval). */
export function recognize(ctx: AnalysisContext, recognizers: readonly Recognizer[] = RECOGNIZERS): Finding[] {
  const out: Finding[] = [];
  for (const r of recognizers) {
    if (!r.prefilter(ctx)) continue;
    for (const f of r.analyze(ctx)) out.push(f);
  }
  return out;
}

function allowListed(f: Finding, allow: readonly string[]): boolean {
  if (allow.length === 0) return false;
  const t = f.text.toLowerCase().replace(/\s+/g, ' ').trim();
  return allow.some((a) => a.toLowerCase().replace(/\s+/g, ' ').trim() === t);
}

export function analyze(text: string, policy: Policy, options: AnalyzeOptions = {}): Analysis {
  try {
    // OCR text: repair typical recognition noise first (same length, so offsets still fit the OCR text).
    const ocrFrom = options.ocr ? Math.max(0, Math.min(text.length, options.ocrFrom ?? 0)) : text.length;
    const input = options.ocr ? text.slice(0, ocrFrom) + normalizeOcrText(text.slice(ocrFrom)) : text;
    const ctx = buildContext(input, policy, options);
    const raw = recognize(ctx, recognizersFor(policy));
    linkPersons(raw);
    // The organisation's rules are kept next to overlapping built-in findings: an admin's "block" must
    // not lose to a built-in "warn" on the same words.
    const custom = raw.filter((f) => f.type === 'custom');
    const resolved = custom.length ? [...resolveOverlaps(raw.filter((f) => f.type !== 'custom')), ...custom].sort((a, b) => a.start - b.start || a.end - b.end) : resolveOverlaps(raw);
    const findings = resolved
      .filter((f) => !allowListed(f, policy.allowlist))
      .filter((f) => counts(f, policy))
      .map((f) => ({ ...f, source: f.start >= ocrFrom ? 'image' : 'text' }) as Finding);
    return { findings, decision: decide(findings, policy) };
  } catch (e) {
    // Fail closed (or as the policy says): never let a detection error send a message unchecked.
    const message = e instanceof Error ? e.message : String(e);
    return {
      findings: [],
      decision: applyMode(policy.onError, [], policy),
      error: { recognizer: 'engine', message },
    };
  }
}
