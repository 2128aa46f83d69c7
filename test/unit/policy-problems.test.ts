// Policy problems in German and English (issue 4): every code of the catalogue has both texts with the
// same placeholders, every problem the parser and the precedence rules report renders completely in
// both languages, and a few malformed policies read as a German admin would expect.
import { describe, expect, it } from 'vitest';
import {
  FALLBACK_MESSAGES,
  PHRASES,
  PROBLEM_MESSAGES,
  formatProblem,
  formatProblemIn,
  mergePolicies,
  parsePolicy,
  placeholders,
  problemLang,
  problemTexts,
  resolvePolicyState,
  walkSchema,
  type PolicyProblem,
  type SchemaNode,
} from '../../src/core/index.js';

const CATALOGUES = { PROBLEM_MESSAGES, FALLBACK_MESSAGES, PHRASES } as const;
/** Texts that are the same in both languages on purpose. */
const SAME_IN_BOTH = new Set(['PHRASES.other']);

describe('the catalogue', () => {
  for (const [name, catalogue] of Object.entries(CATALOGUES)) {
    for (const [code, texts] of Object.entries(catalogue) as [string, { en: string; de: string }][]) {
      it(`${name}.${code}: German and English, with the same placeholders`, () => {
        expect(texts.en.trim().length, 'en').toBeGreaterThan(0);
        expect(texts.de.trim().length, 'de').toBeGreaterThan(0);
        expect(placeholders(texts.de)).toEqual(placeholders(texts.en));
        if (!SAME_IN_BOTH.has(`${name}.${code}`)) expect(texts.de).not.toBe(texts.en);
        // Braces only as placeholders: a JSON example belongs in a parameter.
        for (const lang of ['en', 'de'] as const) expect(texts[lang].replace(/\{[A-Za-z]+\}/g, '')).not.toMatch(/[{}]/);
      });
    }
  }
});

/** A wrong value of a different type for every kind of schema node. */
function wrongValues(node: SchemaNode): unknown[] {
  switch (node.type) {
    case 'string':
      return [42, true, null, ['x'], { a: 1 }, '', 'ab', ...(node.enum ? ['nope'] : []), 'x'.repeat(node.maxLength + 1), 'http://x'];
    case 'integer':
      return ['90', 1.5, node.minimum - 1, null];
    case 'boolean':
      return ['true', 1, null];
    case 'array':
      return ['x', { 0: 'a' }, [1, '', null, 'ok', {}]];
    case 'object':
      return ['x', [1, 2], { zzz: 1, Action: 2 }];
  }
}

function at(path: string, value: unknown): Record<string, unknown> {
  const parts = path.split('.');
  const out: Record<string, unknown> = {};
  let cur = out;
  for (const k of parts.slice(0, -1)) cur = (cur[k] = {}) as Record<string, unknown>;
  cur[parts[parts.length - 1]!] = value;
  return out;
}

const RULES: unknown[] = [
  5, {}, { id: '-x' }, { id: 'ok' }, { id: 'a', pattern: 'x', words: ['y'] }, { id: 'a' }, { id: 'a', kind: 'words', pattern: 'x', words: ['y'] },
  { id: 'a', pattern: '(?<=a)b' }, { id: 'a', pattern: 'a(?=b)' }, { id: 'a', pattern: '(?>a)' }, { id: 'a', pattern: '(a)\\1' }, { id: 'a', pattern: '(?<n>a)\\k<n>' },
  { id: 'a', pattern: '(' }, { id: 'a', pattern: 'a{1000}b{1000}c{1000}d{1000}e{1000}f{1000}' }, { id: 'a', pattern: 'a*' }, { id: 'a', pattern: '/abc/i' },
  { id: 'a', pattern: 'x'.repeat(1001) }, { id: 'a', kind: 'regex' }, { id: 'a', words: [] }, { id: 'a', words: ['!!!'] }, { id: 'a', words: ['x', ''] }, { id: 'a', words: ['x'], action: 'nope' },
];

/** Every problem the parser, the precedence rules and the start-up rule report for a corpus of broken inputs. */
function corpus(): PolicyProblem[] {
  const inputs: unknown[] = [5, ['x'], 'policy'];
  walkSchema((path, node) => {
    if (path.includes('[]')) return 'skip';
    for (const v of wrongValues(node)) inputs.push(at(path, v));
  });
  for (const r of RULES) inputs.push({ customRules: [{ id: 'ok', words: ['ok'] }, r] });
  inputs.push({ customRules: Array.from({ length: 210 }, (_, i) => ({ id: `r${i}`, words: ['x'] })) });
  inputs.push({ customRules: Array.from({ length: 15 }, (_, i) => ({ id: `r${i}`, words: Array.from({ length: 1500 }, (_, j) => `w${j}`) })) });
  inputs.push({ customRules: Array.from({ length: 15 }, (_, i) => ({ id: `r${i}`, pattern: 'a{1000}b{1000}c{1000}d{1000}' })) });
  inputs.push({ clients: Array.from({ length: 20010 }, (_, i) => `n${i}`) }, { clients: Array.from({ length: 1000 }, () => 42) });
  inputs.push({ texts: { guidanceUrl: 'https://user:pw@intranet.example/' } });
  inputs.push({ clientz: [], detectors: { ibna: {} }, sites: { slack: {} }, override: { allow: 1 } });
  inputs.push({ clientHashes: { hashes: ['full:' + 'a'.repeat(64)] } }, { clientHashes: { salt: '12345678' } }, { clientHashes: { salt: 'short' } });
  const out = inputs.flatMap((i) => parsePolicy(i).problems);
  const org = parsePolicy({ mode: 'training', customRules: [{ id: 'falke', words: ['Falke'] }], clients: Array.from({ length: 19999 }, (_, i) => `c${i}`) });
  for (const user of [{ mode: 'monitor' }, { mode: 'enforce' }, { detectors: { iban: { action: 'allow' } } }, { customRules: [{ id: 'falke', words: ['x'] }] }, { clients: ['a', 'b'] }, { allowlist: ['x'] }, { version: 'x' }]) {
    out.push(...mergePolicies(org, user).ignored);
  }
  const managedTraining = parsePolicy({ mode: 'training' });
  out.push(...mergePolicies(managedTraining, { mode: 'monitor' }).ignored);
  out.push(...resolvePolicyState({ managed: { error: 'timeout' } }).problems);
  out.push(...resolvePolicyState({ managed: { error: 'timeout' }, cache: { format: 1, raw: { mode: 'monitor' }, readAt: 1 } }).problems);
  return out;
}

describe('every reported problem', () => {
  const problems = corpus();

  it('the corpus is broad', () => expect(problems.length).toBeGreaterThan(300));

  it('reaches every problem and fallback code (no dead texts)', () => {
    // Defensive paths that no input reaches (a parser or compiler exception).
    const unreachable = new Set(['policy-unreadable', 'rule-compile-failed']);
    const codes = new Set(problems.map((p) => p.code));
    expect(Object.keys(PROBLEM_MESSAGES).filter((c) => !codes.has(c as never) && !unreachable.has(c))).toEqual([]);
    const fallbacks = new Set(problems.map((p) => p.fallbackCode));
    expect(Object.keys(FALLBACK_MESSAGES).filter((c) => !fallbacks.has(c as never))).toEqual([]);
  });

  it('renders completely in both languages, English equal to message/fallback', () => {
    for (const p of problems) {
      expect(PROBLEM_MESSAGES[p.code], p.code).toBeDefined();
      expect(FALLBACK_MESSAGES[p.fallbackCode], p.fallbackCode).toBeDefined();
      expect(problemTexts(p, 'en')).toEqual({ message: p.message, fallback: p.fallback });
      const de = problemTexts(p, 'de');
      for (const text of [p.message, p.fallback, de.message, de.fallback]) expect(text, formatProblem(p)).not.toMatch(/\{[A-Za-z]+\}|undefined|\[object/);
      expect(de.message).not.toBe(p.message);
      expect(formatProblemIn(p, 'de')).toMatch(/^[^:]+: .+; .+\.$/);
    }
  });

  it('is plain JSON (it travels to the popup and out of `policy check --json`)', () => {
    expect(JSON.parse(JSON.stringify(problems))).toEqual(problems);
  });
});

describe('German texts for malformed policies', () => {
  const de = (input: unknown) => parsePolicy(input).problems.map((p) => formatProblemIn(p, 'de'));

  it('a value outside the allowed ones', () => {
    expect(de({ detectors: { iban: { action: 'maybe' } } })).toEqual(['detectors.iban.action: muss "allow", "warn" oder "block" sein, ist aber "maybe"; es gilt die Standardaktion "warn".']);
  });

  it('wrong types', () => {
    expect(de({ mode: 5, hints: { enabled: 'yes' }, audit: { retentionDays: 0 }, clients: 'Anna' })).toEqual([
      'mode: muss "enforce", "monitor" oder "training" sein, ist aber die Zahl 5; es gilt der Standardmodus "enforce".',
      'clients: muss eine Liste von Texten sein, ist aber "Anna"; die Liste gilt als leer.',
      'hints.enabled: muss true oder false sein, ist aber "yes"; es gilt der Standardwert true.',
      'audit.retentionDays: muss eine ganze Zahl von 1 bis 3650 sein, ist aber die Zahl 0; es gilt der Standardwert 90.',
    ]);
    expect(de([1])).toEqual(['(Richtlinie): die Richtlinie muss ein JSON-Objekt sein, ist aber eine Liste; es gilt die Standardrichtlinie.']);
  });

  it('unknown keys, with a suggestion', () => {
    expect(de({ clientz: [], detectors: { ibna: {} } })).toEqual([
      'clientz: ist keine bekannte Richtlinien-Einstellung (meinten Sie "clients"?); die Angabe wird ignoriert.',
      'detectors.ibna: "ibna" ist keine bekannte Erkennungsart (meinten Sie "iban"?) (bekannt: health, iban, client_name, credit_card, de_tax_id, de_kvnr, email, phone, person_name, custom); die Angabe wird ignoriert.',
    ]);
  });

  it('custom rules: RE2 limits and a broken rule', () => {
    const rules = [{ id: 'lb', pattern: '(?<=Projekt )Falke' }, { id: 'falke', words: ['Falke'] }, { id: 'falke', words: ['x'] }, { id: 'w', words: ['Adler', '!!'] }];
    expect(de({ customRules: rules })).toEqual([
      'customRules[0].pattern: verwendet Look-behind "(?<=…)" oder "(?<!…)", was RE2 nicht unterstützt (SendGuard verwendet RE2, damit kein Muster einen Chat einfrieren kann); diese Regel ist abgeschaltet; die übrigen Regeln gelten weiter.',
      'customRules[2].id: "falke" ist bereits die ID von customRules[1]; diese Regel ist abgeschaltet; die übrigen Regeln gelten weiter.',
      'customRules[3].words[1]: "!!" enthält keine Buchstaben oder Ziffern; diese Regel ist abgeschaltet; die übrigen Regeln gelten weiter.',
    ]);
  });

  it('addresses and hashes', () => {
    expect(de({ texts: { guidanceUrl: 'http://intranet.example' }, clientHashes: { hashes: ['full:' + 'a'.repeat(64)] } })).toEqual([
      'clientHashes.salt: fehlt: Ohne den Salt, mit dem die Hashes erzeugt wurden, lassen sie sich nicht vergleichen; gehashte Mandantennamen werden nicht verwendet.',
      'texts.guidanceUrl: muss eine https://-Adresse sein, ist aber "http://intranet.example"; es wird kein Link angezeigt.',
    ]);
  });

  it('the user against the organisation', () => {
    const m = mergePolicies(parsePolicy({ allowlist: ['ACME'] }), { allowlist: ['x'], detectors: { iban: { action: 'allow' } } });
    expect(m.ignored.map((p) => formatProblemIn(p, 'de'))).toEqual([
      'detectors.iban.action: Ihre Einstellung "allow" ist weniger streng, als Ihre Organisation erlaubt; es gilt "warn".',
      'allowlist: entscheidet Ihre Organisation; Ihre eigene Einstellung wird nicht verwendet.',
    ]);
  });
});

describe('language and compatibility', () => {
  it('problemLang: German for de-* and de_*.UTF-8, else English', () => {
    expect(['de', 'de-DE', 'de-AT', 'de_DE.UTF-8', 'DE'].map(problemLang)).toEqual(['de', 'de', 'de', 'de', 'de']);
    expect(['en', 'en-GB', 'C.UTF-8', 'C', 'POSIX', '', undefined, 'dex', 'fr_FR'].map(problemLang)).toEqual(['en', 'en', 'en', 'en', 'en', 'en', 'en', 'en', 'en']);
  });

  it('a problem without a code (an older version) keeps its English texts', () => {
    const old = { path: 'mode', message: 'is wrong', fallback: 'the default applies' };
    expect(formatProblemIn(old, 'de')).toBe('mode: is wrong; the default applies.');
    expect(formatProblem(old)).toBe('mode: is wrong; the default applies.');
  });
});
