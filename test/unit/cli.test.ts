import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/index.ts'), ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tmp(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sendguard-cli-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe('sendguard scan', () => {
  it('prints a readable verdict for one text', () => {
    const r = cli(['scan', 'Bitte überweisen an DE89 3704 0044 0532 0130 00, danke']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Verdict: WARN/);
    expect(r.out).toContain('IBAN');
    expect(r.out).toContain('iso13616');
  });

  it('allows a harmless line', () => {
    const r = cli(['scan', 'Treffen wir uns um 14 Uhr im Büro?']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Verdict: ALLOW/);
  });

  it('writes one JSON line per input line, in input order, with the policy applied', () => {
    const dir = tmp({
      'policy.json': JSON.stringify({ detectors: { iban: { action: 'block' } }, clients: ['Anna Müller'] }),
      'in.jsonl': [
        JSON.stringify({ id: 'b', text: 'IBAN: DE89370400440532013000', lang: 'de' }),
        '',
        JSON.stringify({ id: 'a', text: 'Wie geht es dir?' }),
        JSON.stringify({ id: 'c', text: 'Termin mit Anna Müller morgen' }),
      ].join('\n'),
    });
    const r = cli(['scan', '--policy', join(dir, 'policy.json'), '--input', join(dir, 'in.jsonl')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['b', 'a', 'c']);
    expect(lines[0].action).toBe('block');
    expect(lines[0].findings[0]).toMatchObject({ type: 'iban', start: 6, end: 28, score: 1 });
    expect(typeof lines[0].findings[0].rule).toBe('string');
    expect(lines[1]).toEqual({ id: 'a', action: 'allow', findings: [] });
    expect(lines[2].action).toBe('block');
    expect(lines[2].findings.some((f: { type: string }) => f.type === 'client_name')).toBe(true);
  });

  it('reads stdin with --input -', () => {
    const r = cli(['scan', '--input', '-'], JSON.stringify({ id: 'x', text: 'hallo' }) + '\n');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ id: 'x', action: 'allow', findings: [] });
  });

  it('fails on a line that is not JSON, naming file and line, and prints no partial result', () => {
    const dir = tmp({ 'in.jsonl': '{"id":"1","text":"ok"}\n{"id": 2, text}\n' });
    const r = cli(['scan', '--input', join(dir, 'in.jsonl')]);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('in.jsonl:2');
    expect(r.out).toBe('');
  });

  it('fails on an unreadable input file', () => {
    const r = cli(['scan', '--input', '/nonexistent/in.jsonl']);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('/nonexistent/in.jsonl');
  });

  it('fails on a broken policy file, naming the problem', () => {
    const dir = tmp({ 'p.json': '{"detectors": {"iban": {"action": "maybe"}}}', 'bad.json': '{nope', 'in.jsonl': '{"id":"1","text":"x"}' });
    const r1 = cli(['scan', '--policy', join(dir, 'p.json'), '--input', join(dir, 'in.jsonl')]);
    expect(r1.code).not.toBe(0);
    expect(r1.err).toContain('detectors.iban.action');
    const r2 = cli(['scan', '--policy', join(dir, 'bad.json'), 'text']);
    expect(r2.code).not.toBe(0);
    expect(r2.err).toContain('bad.json');
    expect(r2.out).toBe('');
  });

  it('rejects an unknown command with usage', () => {
    const r = cli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown command');
  });
});
