// sendguard policy check / policy schema / clients hash, run as a user would (a child process).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashClientName, managedSchemaJson } from '../../src/core/index.js';

const root = new URL('../..', import.meta.url).pathname;
const ID = readFileSync(join(root, 'docs/extension-id.txt'), 'utf8').trim();

/** Runs the CLI; the locale is pinned (English unless `lang` is given), so a German desktop does not change the output. */
function cli(args: string[], input?: string, lang = 'C.UTF-8') {
  const env = { ...process.env, LANG: lang, LC_ALL: '', LC_MESSAGES: '' };
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/index.ts'), ...args], { cwd: root, input, encoding: 'utf8', env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tmp(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sendguard-policy-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const BROKEN = {
  detectors: { iban: { action: 'maybe' } },
  customRules: [{ id: 'ok', words: ['Falke'] }, { id: 'lb', pattern: '(?<=Projekt )Falke' }],
  colour: 'red',
};

describe('sendguard policy check', () => {
  it('accepts the example policy: exit 0 and a summary of what it does', () => {
    const r = cli(['policy', 'check', 'docs/admin/example-policy.json']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^docs\/admin\/example-policy\.json: valid\./);
    expect(r.out).toContain('2 custom rules (project-falcon, customer-number)');
  });

  it('explains each problem in plain words: exit 1', () => {
    const dir = tmp({ 'p.json': JSON.stringify(BROKEN) });
    const r = cli(['policy', 'check', join(dir, 'p.json')]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('3 problems');
    expect(r.out).toContain('  - detectors.iban.action: must be "allow", "warn" or "block", got "maybe"; the default action "warn" applies.');
    expect(r.out).toContain('  - customRules[1].pattern: uses look-behind');
    expect(r.out).toContain('this rule is disabled; the other rules still apply.');
    expect(r.out).toContain('  - colour: is not a known policy setting');
    expect(r.out).toContain('1 custom rules (ok)');
  });

  it('--json for machines', () => {
    const dir = tmp({ 'p.json': JSON.stringify(BROKEN) });
    const r = cli(['policy', 'check', '--json', join(dir, 'p.json')]);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ format: 'policy', valid: false });
    expect(j.problems.map((p: { path: string }) => p.path)).toEqual(['colour', 'detectors.iban.action', 'customRules[1].pattern']);
    for (const p of j.problems) expect(Object.keys(p).sort()).toEqual(['code', 'fallback', 'fallbackCode', 'fallbackParams', 'message', 'params', 'path']);
    expect(j.lang).toBe('en');
    expect(j.problems[1]).toEqual({
      path: 'detectors.iban.action',
      code: 'not-allowed',
      params: { allowed: ['allow', 'warn', 'block'], got: '"maybe"' },
      fallbackCode: 'default-action',
      fallbackParams: { value: 'warn' },
      message: 'must be "allow", "warn" or "block", got "maybe"',
      fallback: 'the default action "warn" applies',
    });
    // The same codes in German; message and fallback in the report's language.
    const de = JSON.parse(cli(['policy', 'check', '--json', '--lang', 'de', join(dir, 'p.json')]).out);
    expect(de.lang).toBe('de');
    expect(de.problems.map((p: { code: string }) => p.code)).toEqual(j.problems.map((p: { code: string }) => p.code));
    expect(de.problems[1]).toMatchObject({ code: 'not-allowed', message: 'muss "allow", "warn" oder "block" sein, ist aber "maybe"', fallback: 'es gilt die Standardaktion "warn"' });
    expect(de.summary[0]).toBe('Modus: enforce');
  });

  it('--lang de explains the problems in German; LANG=de_DE.UTF-8 does so by default', () => {
    const dir = tmp({ 'p.json': JSON.stringify(BROKEN) });
    const expected = [
      '3 Probleme. Jeder betroffene Teil fällt wie beschrieben zurück; der Rest der Richtlinie gilt.',
      '  - colour: ist keine bekannte Richtlinien-Einstellung; die Angabe wird ignoriert.',
      '  - detectors.iban.action: muss "allow", "warn" oder "block" sein, ist aber "maybe"; es gilt die Standardaktion "warn".',
      '  - customRules[1].pattern: verwendet Look-behind "(?<=…)" oder "(?<!…)", was RE2 nicht unterstützt (SendGuard verwendet RE2, damit kein Muster einen Chat einfrieren kann); diese Regel ist abgeschaltet; die übrigen Regeln gelten weiter.',
      'Es gilt:',
      '  Modus: enforce',
      '  0 Mandantennamen, 0 Mandanten-Hashes, 1 eigene Regeln (ok), 0 Begriffe in der Positivliste',
      '  Trotzdem senden bei Warnungen: erlaubt',
    ];
    const flag = cli(['policy', 'check', '--lang', 'de', join(dir, 'p.json')]);
    expect(flag.code).toBe(1);
    expect(flag.out).toBe(`${join(dir, 'p.json')}: ${expected.join('\n')}\n`);
    const env = cli(['policy', 'check', join(dir, 'p.json')], undefined, 'de_DE.UTF-8');
    expect(env.out).toBe(flag.out);
    // --lang wins over the environment; other locales get English.
    expect(cli(['policy', 'check', '--lang', 'en', join(dir, 'p.json')], undefined, 'de_DE.UTF-8').out).toContain('3 problems.');
    expect(cli(['policy', 'check', join(dir, 'p.json')], undefined, 'fr_FR.UTF-8').out).toContain('3 problems.');
    expect(cli(['policy', 'check', '--lang', 'de', 'docs/admin/example-policy.json']).out).toMatch(/^docs\/admin\/example-policy\.json: gültig\./);
  });

  it('--lang accepts only de and en', () => {
    const r = cli(['policy', 'check', '--lang', 'fr', 'docs/admin/example-policy.json']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--lang');
  });

  it('unwraps a Chrome policy file and a Firefox policies.json', () => {
    const dir = tmp({
      'chrome.json': JSON.stringify({ ExtensionSettings: {}, '3rdparty': { extensions: { [ID]: BROKEN, other: { x: 1 } } } }),
      'firefox.json': JSON.stringify({ policies: { ExtensionSettings: {}, '3rdparty': { Extensions: { 'sendguard@example.org': { mode: 'training' } } } } }),
    });
    const c = cli(['policy', 'check', '--json', join(dir, 'chrome.json')]);
    expect(c.code).toBe(1);
    expect(JSON.parse(c.out)).toMatchObject({ format: 'chrome', extensionId: ID });
    const f = cli(['policy', 'check', join(dir, 'firefox.json')]);
    expect(f.code).toBe(0);
    expect(f.out).toContain('Firefox policies.json, extension sendguard@example.org');
    expect(f.out).toContain('mode: training');
  });

  it('asks for --id when a policy file holds several unknown extensions', () => {
    const dir = tmp({ 'many.json': JSON.stringify({ '3rdparty': { extensions: { aaa: {}, bbb: { mode: 'monitor' } } } }) });
    const r = cli(['policy', 'check', join(dir, 'many.json')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('aaa, bbb');
    expect(r.err).toContain('--id');
    const ok = cli(['policy', 'check', '--id', 'bbb', join(dir, 'many.json')]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('mode: monitor');
    expect(cli(['policy', 'check', '--id', 'ccc', join(dir, 'many.json')]).code).toBe(2);
  });

  it('reads stdin with -', () => {
    const r = cli(['policy', 'check', '-'], JSON.stringify({ mode: 'monitor' }));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^<stdin>: valid\./);
  });

  it('a file that is not JSON or not there: exit 2 naming the file', () => {
    const dir = tmp({ 'bad.json': '{"mode": ' });
    const r = cli(['policy', 'check', join(dir, 'bad.json')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('bad.json: not valid JSON');
    expect(cli(['policy', 'check', '/nonexistent/p.json']).err).toContain('/nonexistent/p.json');
    expect(cli(['policy', 'check']).code).toBe(2);
    expect(cli(['policy', 'frobnicate']).code).toBe(2);
  });

  it('a non-object policy is a problem, not a crash', () => {
    const r = cli(['policy', 'check', '-'], '[1, 2]');
    expect(r.code).toBe(1);
    expect(r.out).toContain('(policy): the policy must be a JSON object');
  });
});

describe('sendguard policy schema', () => {
  it('prints the managed_schema', () => {
    const r = cli(['policy', 'schema']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(managedSchemaJson());
  });
});

describe('sendguard scan --policy with a browser policy file', () => {
  it('uses the same parser and unwrapping', () => {
    const dir = tmp({ 'chrome.json': JSON.stringify({ '3rdparty': { extensions: { [ID]: { customRules: [{ id: 'falke', words: ['Projekt Falke'], action: 'block' }] } } } }) });
    const r = cli(['scan', '--json', '--policy', join(dir, 'chrome.json'), 'Stand Projekt Falke?']);
    expect(r.err).toBe('');
    const j = JSON.parse(r.out);
    expect(j.action).toBe('block');
    expect(j.findings[0]).toMatchObject({ type: 'custom', rule: 'custom.falke' });
  });
});

describe('sendguard clients hash', () => {
  const SALT = 'cli-test-salt-1';

  it('hashes one name per line, full and surname, sorted, never printing names to stdout', () => {
    const dir = tmp({ 'clients.txt': '# Mandanten\nAnna Müller\n\nMueller, Anna\nBäckerei Schmidt GmbH\nMadonna\n' });
    const r = cli(['clients', 'hash', '--salt', SALT, join(dir, 'clients.txt')]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.clientHashes.salt).toBe(SALT);
    const h = j.clientHashes.hashes as string[];
    expect(h).toEqual([...h].sort());
    expect(h).toContain(`full:${hashClientName('Anna Müller', SALT)}`);
    expect(h).toContain(`surname:${hashClientName('Müller', SALT)}`);
    expect(h).toContain(`full:${hashClientName('Madonna', SALT)}`);
    expect(h).toHaveLength(5); // Anna Müller = Mueller, Anna; Madonna has no surname entry
    expect(r.out).not.toMatch(/Müller|Schmidt|Madonna/);
    expect(r.err).toContain('4 names → 5 hashes');
  });

  it('reads JSON lists and {"clients": [...]}, stdin, and --no-surnames', () => {
    const a = cli(['clients', 'hash', '--salt', SALT], JSON.stringify(['Anna Müller']));
    const b = cli(['clients', 'hash', '--salt', SALT, '--no-surnames', '-'], JSON.stringify({ clients: ['Anna Müller'] }));
    expect(JSON.parse(a.out).clientHashes.hashes).toHaveLength(2);
    expect(JSON.parse(b.out).clientHashes.hashes).toEqual([`full:${hashClientName('Anna Müller', SALT)}`]);
  });

  it('its output is a valid policy part', () => {
    const r = cli(['clients', 'hash', '--salt', SALT], 'Anna Müller\n');
    const dir = tmp({ 'p.json': r.out });
    expect(cli(['policy', 'check', join(dir, 'p.json')]).code).toBe(0);
  });

  it('needs a salt of 8+ characters and some names', () => {
    expect(cli(['clients', 'hash'], 'Anna').code).toBe(2);
    expect(cli(['clients', 'hash'], 'Anna').err).toContain('--salt');
    expect(cli(['clients', 'hash', '--salt', 'short'], 'Anna').code).toBe(2);
    expect(cli(['clients', 'hash', '--salt', SALT], '\n# nur Kommentar\n').code).toBe(2);
    expect(cli(['clients', 'hash', '--salt', SALT], '{"clients": "Anna"}').code).toBe(2);
  });
});
