// `sendguard scan --input` with image items: real OCR, paths relative to the input file, and an image
// that cannot be read as a verdict (policy ocrFailure) with "error" — exit code 0.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

function scan(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/index.ts'), 'scan', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, lines: r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>), err: r.stderr };
}

describe('sendguard scan with image items', { timeout: 60_000 }, () => {
  it('reads images relative to the input file; unreadable ones follow ocrFailure and carry an error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sendguard-ocr-cli-'));
    try {
    mkdirSync(join(dir, 'pics'));
    copyFileSync(join(root, 'test/data/corpus/images/dev_firmenkarte_foto.png'), join(dir, 'pics/card.png'));
    writeFileSync(join(dir, 'pics/notes.png'), 'this is text, not a picture');
    writeFileSync(
      join(dir, 'in.jsonl'),
      [
        { id: 'card', text: 'firmenkarte für die buchung', image: 'pics/card.png' },
        { id: 'missing', text: 'foto', image: 'pics/nope.png' },
        { id: 'not-an-image', text: '', image: 'pics/notes.png' },
        { id: 'text', text: 'Treffen um 14 Uhr?' },
      ].map((o) => JSON.stringify(o)).join('\n'),
    );

    const r = scan(['--input', join(dir, 'in.jsonl')]);
    expect(r.code).toBe(0);
    expect(r.lines.map((l) => l['id'])).toEqual(['card', 'missing', 'not-an-image', 'text']);
    const [card, missing, notImage, text] = r.lines as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];
    expect(card['action']).toBe('block');
    expect(card['findings']).toContainEqual(expect.objectContaining({ type: 'credit_card', source: 'image' }));
    expect(card['error']).toBeUndefined();
    expect(missing).toMatchObject({ action: 'warn', findings: [] });
    expect(missing['error']).toMatch(/^image could not be read: cannot read .*nope\.png: ENOENT$/);
    expect(notImage).toMatchObject({ action: 'warn' });
    expect(notImage['error']).toMatch(/^image could not be read: not an image/);
    expect(text).toEqual({ id: 'text', action: 'allow', findings: [] });

    writeFileSync(join(dir, 'policy.json'), JSON.stringify({ ocrFailure: 'block' }));
    writeFileSync(join(dir, 'one.jsonl'), JSON.stringify({ id: 'missing', text: 'foto', image: 'pics/nope.png' }));
    const strict = scan(['--policy', join(dir, 'policy.json'), '--input', join(dir, 'one.jsonl')]);
    expect(strict.code).toBe(0);
    expect(strict.lines[0]).toMatchObject({ id: 'missing', action: 'block' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
