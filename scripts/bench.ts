// Performance figures (printed, not asserted): npm run bench
//  - engine load time (fresh process)
//  - analyze() p50/p95 for 200-, 1,000- and 5,000-character messages, and the corpus' typical messages
//  - CLI start-up and mean time per message through `sendguard scan --input`
import { readFileSync, writeFileSync, mkdtempSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const root = new URL('..', import.meta.url).pathname;
const t0 = performance.now();
const core = await import('../src/core/index.js');
const loadMs = performance.now() - t0;
const { analyze, parsePolicy } = core;

const corpus = readFileSync(join(root, 'test/data/corpus/dev.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; text: string });
const clients = (JSON.parse(readFileSync(join(root, 'test/data/corpus/clients.json'), 'utf8')) as { clients: string[] }).clients;
const policy = parsePolicy({ clients }).policy;
const texts = corpus.map((c) => c.text).filter((t) => t.length > 0);

function messageOf(len: number, seed: number): string {
  let s = '';
  let i = seed;
  while (s.length < len) s += texts[i++ % texts.length] + '\n';
  return s.slice(0, len);
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

function timeAll(msgs: string[], rounds: number): number[] {
  for (const m of msgs.slice(0, 20)) analyze(m, policy); // warm-up (JIT)
  const out: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const m of msgs) {
      const s = performance.now();
      analyze(m, policy);
      out.push(performance.now() - s);
    }
  }
  return out;
}

const fmt = (x: number) => x.toFixed(3).padStart(8);
console.log(`SendGuard benchmark — node ${process.version}, ${new Date().toISOString()}\n`);
console.log(`engine load (import of src/core incl. rules, in this process): ${loadMs.toFixed(1)} ms\n`);
console.log('analyze() per message           n      mean       p50       p95       max   (ms)');
const rowsOut: [string, number[]][] = [
  ['corpus messages (typical chat)', timeAll(texts, 5)],
  ['200 characters', timeAll(Array.from({ length: 200 }, (_, i) => messageOf(200, i * 7)), 3)],
  ['1,000 characters', timeAll(Array.from({ length: 200 }, (_, i) => messageOf(1000, i * 7)), 2)],
  ['5,000 characters', timeAll(Array.from({ length: 60 }, (_, i) => messageOf(5000, i * 11)), 2)],
];
for (const [name, xs] of rowsOut) {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(`${name.padEnd(30)} ${String(xs.length).padStart(5)} ${fmt(mean)}  ${fmt(percentile(xs, 50))}  ${fmt(percentile(xs, 95))}  ${fmt(Math.max(...xs))}`);
}

const bin = join(root, 'bin/sendguard.js');
if (existsSync(join(root, 'dist/cli/sendguard.mjs'))) {
  const starts: number[] = [];
  for (let i = 0; i < 5; i++) {
    const s = performance.now();
    spawnSync(process.execPath, [bin, 'scan', 'hallo'], { encoding: 'utf8' });
    starts.push(performance.now() - s);
  }
  const dir = mkdtempSync(join(tmpdir(), 'sendguard-bench-'));
  const input = join(dir, 'in.jsonl');
  const many: string[] = [];
  for (let r = 0; r < 20; r++) for (const c of corpus) many.push(JSON.stringify({ id: `${c.id}-${r}`, text: c.text }));
  writeFileSync(input, many.join('\n'));
  writeFileSync(join(dir, 'policy.json'), JSON.stringify({ clients }));
  const s = performance.now();
  const r = spawnSync(process.execPath, [bin, 'scan', '--policy', join(dir, 'policy.json'), '--input', input], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const total = performance.now() - s;
  if (r.status !== 0) console.log('CLI run failed:', r.stderr.slice(0, 500));
  const startMedian = percentile(starts, 50);
  console.log(`\nCLI start-up (sendguard scan "hallo"), median of 5: ${startMedian.toFixed(0)} ms`);
  console.log(`CLI scan --input of ${many.length} messages: ${total.toFixed(0)} ms total, ` +
    `${((total - startMedian) / many.length).toFixed(3)} ms per message after start-up, ${(total / many.length).toFixed(3)} ms including it`);
} else {
  console.log('\n(CLI not built: run `npm run build` for the CLI figures)');
}
