// Accuracy benchmark: per-type precision / recall / F2 at message level on the labelled corpus,
// plus the decision's F2 and its false alarms on hard negatives.
//   npm run eval                 the dev corpus copied into test/data/corpus
//   npm run eval -- --file X.jsonl --clients clients.json [--verbose] [--type health] [--json]
//   npm run eval -- --ocr        image items read with real OCR (tesseract.js, as the CLI does) instead
//                                of their ideal `image_text`; adds an "images" section
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { analyze, parsePolicy, DETECTOR_TYPES, DEFAULT_ACTIONS, type DetectorType } from '../src/core/index.js';
import { ocrFailureAnalysis } from '../src/core/ocr-text.js';
import { createNodeOcr } from '../src/ocr/node.js';
import { OcrError } from '../src/ocr/index.js';

interface Item {
  id: string;
  lang: string;
  site: string;
  text: string;
  image?: string;
  image_text?: string;
  types: string[];
  spans: { type: string; text: string }[];
  hard: boolean;
  note?: string;
}

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const file = resolve(opt('--file') ?? join(root, 'test/data/corpus/dev.jsonl'));
const clientsFile = resolve(opt('--clients') ?? join(dirname(file), 'clients.json'));
const verbose = args.includes('--verbose');
const onlyType = opt('--type');
const includeImages = !args.includes('--text-only');
const realOcr = args.includes('--ocr');

const items: Item[] = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Item);
const clients = (JSON.parse(readFileSync(clientsFile, 'utf8')) as { clients: string[] }).clients;

// Every detector reports (warn) so per-type scores are measured; the decision uses the default actions.
const allOn = parsePolicy({ clients, detectors: Object.fromEntries(DETECTOR_TYPES.map((t) => [t, { action: 'warn' }])) }).policy;
const defaults = parsePolicy({ clients }).policy;
const EVAL_TYPES = DETECTOR_TYPES.filter((t) => t !== 'person_name');
const blocking = new Set<string>(DETECTOR_TYPES.filter((t) => DEFAULT_ACTIONS[t] !== 'allow'));

// --ocr: read every image first (one warm worker, one image at a time), as `sendguard scan` would.
interface ImageRead {
  text?: string;
  error?: string;
  ms: number;
  confidence?: number;
  rotation?: number;
  passes?: number;
  cold?: boolean;
}
const reads = new Map<string, ImageRead>();
if (realOcr && includeImages) {
  const ocr = createNodeOcr();
  for (const item of items) {
    if (!item.image) continue;
    const t0 = performance.now();
    try {
      const r = await ocr.recognize(join(dirname(file), item.image));
      reads.set(item.id, { text: r.text, ms: r.ms, confidence: r.confidence, rotation: r.rotation, passes: r.passes, cold: r.cold });
    } catch (e) {
      if (!(e instanceof OcrError)) throw e;
      reads.set(item.id, { error: `${e.kind}: ${e.message}`, ms: Math.round(performance.now() - t0) });
    }
  }
  await ocr.terminate();
}
interface ImageRow {
  item: Item;
  shouldAct: boolean;
  action: string;
  imageAction: string;
  found: Set<string>;
  ideal: Set<string>;
  read?: ImageRead;
}
const imageRows: ImageRow[] = [];

const stat = new Map<DetectorType, { tp: number; fp: number; fn: number }>();
for (const t of EVAL_TYPES) stat.set(t, { tp: 0, fp: 0, fn: 0 });
const dec = { tp: 0, fp: 0, fn: 0, tn: 0 };
let hardNeg = 0;
let hardNegAlarms = 0;
const errors: string[] = [];
let used = 0;

for (const item of items) {
  if (item.image && !includeImages) continue;
  used++;
  // Image items: caption plus the image's text — the ideal `image_text`, or with --ocr what OCR read.
  const read = reads.get(item.id);
  const texts = item.image ? [item.text, read ? read.text ?? '' : item.image_text ?? ''] : [item.text];
  const found = new Set<string>();
  let action = 'allow';
  let imageAction = 'allow';
  for (const [i, t] of texts.entries()) {
    const ocr = item.image !== undefined && i === 1;
    for (const f of analyze(t, allOn, { ocr }).findings) found.add(f.type);
    const d = read?.error && ocr ? ocrFailureAnalysis(defaults, read.error).decision.action : analyze(t, defaults, { ocr }).decision.action;
    if (ocr) imageAction = d;
    if (d === 'block' || (d === 'warn' && action === 'allow')) action = d;
  }
  const want = new Set(item.types);
  for (const t of EVAL_TYPES) {
    const s = stat.get(t)!;
    const w = want.has(t);
    const g = found.has(t);
    if (w && g) s.tp++;
    else if (!w && g) {
      s.fp++;
      if (verbose && (!onlyType || onlyType === t)) errors.push(`FP ${t.padEnd(11)} ${item.id} ${JSON.stringify(texts.join(' | ')).slice(0, 220)}  [${item.note ?? ''}]`);
    } else if (w && !g) {
      s.fn++;
      if (verbose && (!onlyType || onlyType === t)) {
        const spans = item.spans.filter((x) => x.type === t).map((x) => x.text);
        errors.push(`FN ${t.padEnd(11)} ${item.id} ${JSON.stringify(spans)} in ${JSON.stringify(texts.join(' | ')).slice(0, 200)}`);
      }
    }
  }
  const shouldAct = item.types.some((t) => blocking.has(t));
  const acted = action !== 'allow';
  if (item.image && realOcr) {
    const ideal = new Set<string>();
    for (const f of analyze(item.image_text ?? '', allOn, { ocr: true }).findings) ideal.add(f.type);
    for (const f of analyze(item.text, allOn).findings) ideal.add(f.type);
    imageRows.push({ item, shouldAct, action, imageAction, found, ideal, ...(read ? { read } : {}) });
  }
  if (shouldAct && acted) dec.tp++;
  else if (!shouldAct && acted) dec.fp++;
  else if (shouldAct && !acted) dec.fn++;
  else dec.tn++;
  if (item.hard && item.types.length === 0) {
    hardNeg++;
    if (acted) hardNegAlarms++;
  }
}

const f2 = (p: number, r: number) => (p + r === 0 ? 0 : (5 * p * r) / (4 * p + r));
const pct = (x: number) => x.toFixed(3);
const rows: Record<string, unknown>[] = [];
console.log(`SendGuard accuracy on ${file.replace(root + '/', '')} (${used} items)\n`);
console.log('type         support    TP   FP   FN  precision  recall     F2');
for (const [t, s] of stat) {
  const p = s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp);
  const r = s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn);
  rows.push({ type: t, tp: s.tp, fp: s.fp, fn: s.fn, precision: p, recall: r, f2: f2(p, r) });
  console.log(`${t.padEnd(12)} ${String(s.tp + s.fn).padStart(7)} ${String(s.tp).padStart(5)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}  ${pct(p).padStart(9)}  ${pct(r).padStart(6)}  ${pct(f2(p, r)).padStart(5)}`);
}
const dp = dec.tp + dec.fp === 0 ? 1 : dec.tp / (dec.tp + dec.fp);
const dr = dec.tp + dec.fn === 0 ? 1 : dec.tp / (dec.tp + dec.fn);
console.log(`\ndecision (default policy: warn/block vs allow)  TP ${dec.tp}  FP ${dec.fp}  FN ${dec.fn}  TN ${dec.tn}`);
console.log(`  precision ${pct(dp)}  recall ${pct(dr)}  F2 ${pct(f2(dp, dr))}`);
console.log(`  false alarms on hard negatives: ${hardNegAlarms}/${hardNeg} = ${((100 * hardNegAlarms) / Math.max(1, hardNeg)).toFixed(1)}%`);
// Held back = the send (caption + image) gets warn or block under the default policy.
const sensitive = imageRows.filter((r) => r.shouldAct);
const harmless = imageRows.filter((r) => !r.shouldAct);
const held = (rs: ImageRow[]) => rs.filter((r) => r.action !== 'allow').length;
const heldByImage = (rs: ImageRow[]) => rs.filter((r) => r.imageAction !== 'allow').length;
if (imageRows.length) {
  const ms = imageRows.map((r) => r.read?.ms ?? 0);
  const warm = imageRows.filter((r) => r.read && !r.read.cold).map((r) => r.read!.ms);
  const p = (a: number, b: number) => `${a}/${b} = ${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
  console.log(`\nimages (real OCR: tesseract.js deu+eng, as sendguard scan reads them)`);
  console.log(`  sensitive pictures held back: ${p(held(sensitive), sensitive.length)}   (by the image alone: ${p(heldByImage(sensitive), sensitive.length)})`);
  console.log(`  harmless pictures held back:  ${p(held(harmless), harmless.length)}   (by the image alone: ${p(heldByImage(harmless), harmless.length)})`);
  console.log(`  OCR time per image: total ${ms.reduce((a, b) => a + b, 0)} ms, warm mean ${(warm.reduce((a, b) => a + b, 0) / Math.max(1, warm.length)).toFixed(0)} ms, max ${Math.max(...ms)} ms`);
  console.log('  id        image                           action  img    ms  conf rot  expected types → found (caption+image) [with ideal image_text]');
  for (const r of imageRows) {
    const list = (x: Iterable<string>) => [...x].filter((t) => t !== 'person_name').sort().join(',') || '-';
    const rd = r.read;
    const info = rd?.error ? `ERROR ${rd.error}` : `${String(rd?.ms ?? '').padStart(5)} ${String(Math.round(rd?.confidence ?? 0)).padStart(4)} ${String(rd?.rotation ?? 0).padStart(3)}`;
    const mark = r.shouldAct === (r.action !== 'allow') ? ' ' : '✗';
    console.log(`${mark} ${r.item.id} ${(r.item.image ?? '').replace('images/', '').padEnd(31)} ${r.action.padEnd(6)} ${r.imageAction.padEnd(5)} ${info}  ${list(r.item.types)} → ${list(r.found)} [${list(r.ideal)}]`);
  }
}
if (errors.length) console.log('\n' + errors.join('\n'));
if (args.includes('--json')) {
  const images = imageRows.length
    ? {
        sensitiveHeld: held(sensitive),
        sensitive: sensitive.length,
        harmlessHeld: held(harmless),
        harmless: harmless.length,
        perImage: imageRows.map((r) => ({ id: r.item.id, expected: r.item.types, found: [...r.found].sort(), action: r.action, ms: r.read?.ms, error: r.read?.error })),
      }
    : undefined;
  console.log(JSON.stringify({ types: rows, decision: { precision: dp, recall: dr, f2: f2(dp, dr) }, hardNegativeFalseAlarmRate: hardNegAlarms / Math.max(1, hardNeg), ...(images ? { images } : {}) }));
}
