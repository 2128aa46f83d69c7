// Accuracy floor on the team's own labelled sets (never the tuning data): the held-out check set and the
// stress set (test/data/own/stress.jsonl: phrasings, look-alikes and layouts not in the dev corpus).
// Message-level per-type F2 and the decision's false alarms on hard negatives, as `npm run eval` counts them.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, parsePolicy, DETECTOR_TYPES } from '../../src/core/index.js';

const root = new URL('../..', import.meta.url).pathname;
const clients = (JSON.parse(readFileSync(join(root, 'test/data/corpus/clients.json'), 'utf8')) as { clients: string[] }).clients;
const allOn = parsePolicy({ clients, detectors: Object.fromEntries(DETECTOR_TYPES.map((t) => [t, { action: 'warn' }])) }).policy;
const defaults = parsePolicy({ clients }).policy;
const TYPES = ['health', 'iban', 'client_name', 'credit_card', 'de_tax_id', 'de_kvnr', 'email', 'phone'] as const;

interface Item {
  id: string;
  text: string;
  types: string[];
  hard: boolean;
}

function score(file: string) {
  const items = readFileSync(join(root, file), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Item);
  const s = Object.fromEntries(TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
  let hardNeg = 0;
  let alarms = 0;
  for (const item of items) {
    const found = new Set(analyze(item.text, allOn).findings.map((f) => f.type));
    for (const t of TYPES) {
      const w = item.types.includes(t);
      const g = found.has(t);
      if (w && g) s[t]!.tp++;
      else if (g) s[t]!.fp++;
      else if (w) s[t]!.fn++;
    }
    if (item.hard && item.types.length === 0) {
      hardNeg++;
      if (analyze(item.text, defaults).decision.action !== 'allow') alarms++;
    }
  }
  const f2 = Object.fromEntries(
    TYPES.map((t) => {
      const { tp, fp, fn } = s[t]!;
      const p = tp + fp === 0 ? 1 : tp / (tp + fp);
      const r = tp + fn === 0 ? 1 : tp / (tp + fn);
      return [t, p + r === 0 ? 0 : (5 * p * r) / (4 * p + r)];
    }),
  );
  return { f2, alarmRate: alarms / Math.max(1, hardNeg) };
}

describe.each([
  ['test/data/own/heldout.jsonl', 0.95],
  ['test/data/own/stress.jsonl', 0.93],
])('accuracy on %s', (file, floor) => {
  const r = score(file);
  for (const t of TYPES) it(`${t} F2 >= ${floor}`, () => expect(r.f2[t]).toBeGreaterThanOrEqual(floor));
  it('false alarms on hard negatives <= 2%', () => expect(r.alarmRate).toBeLessThanOrEqual(0.02));
});
