// Accuracy benchmark: per-type precision / recall / F2 at message level on the labelled corpus,
// plus the decision's F2 and its false alarms on hard negatives.
//   npm run eval                 the dev corpus copied into test/data/corpus
//   npm run eval -- --file X.jsonl --clients clients.json [--verbose] [--type health] [--json]
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { analyze, parsePolicy, DETECTOR_TYPES, DEFAULT_ACTIONS, type DetectorType } from '../src/core/index.js';

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

const items: Item[] = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Item);
const clients = (JSON.parse(readFileSync(clientsFile, 'utf8')) as { clients: string[] }).clients;

// Every detector reports (warn) so per-type scores are measured; the decision uses the default actions.
const allOn = parsePolicy({ clients, detectors: Object.fromEntries(DETECTOR_TYPES.map((t) => [t, { action: 'warn' }])) }).policy;
const defaults = parsePolicy({ clients }).policy;
const EVAL_TYPES = DETECTOR_TYPES.filter((t) => t !== 'person_name');
const blocking = new Set<string>(DETECTOR_TYPES.filter((t) => DEFAULT_ACTIONS[t] !== 'allow'));

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
  // Image items: caption plus the image's text (an ideal OCR) until OCR lands.
  const texts = item.image ? [item.text, item.image_text ?? ''] : [item.text];
  const found = new Set<string>();
  let action = 'allow';
  for (const [i, t] of texts.entries()) {
    const ocr = item.image !== undefined && i === 1;
    for (const f of analyze(t, allOn, { ocr }).findings) found.add(f.type);
    const d = analyze(t, defaults, { ocr }).decision.action;
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
if (errors.length) console.log('\n' + errors.join('\n'));
if (args.includes('--json')) console.log(JSON.stringify({ types: rows, decision: { precision: dp, recall: dr, f2: f2(dp, dr) }, hardNegativeFalseAlarmRate: hardNegAlarms / Math.max(1, hardNeg) }));
