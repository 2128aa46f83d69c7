// The organisation's custom rules: RE2 patterns and word lists with their own action and message.
// Admins write them and they run on every send: no pattern may freeze a tab, a broken rule is
// disabled and reported while the rest of the policy applies.
import { describe, expect, it } from 'vitest';
import {
  LIMITS,
  analyze,
  compileCustomRule,
  customRecognizers,
  decide,
  overrideOffer,
  parsePolicy,
  type CustomRule,
  type Policy,
} from '../../src/core/index.js';

function rule(r: Partial<CustomRule> & { id: string }): CustomRule {
  return { kind: r.pattern !== undefined ? 'regex' : 'words', caseInsensitive: true, message: {}, ...r };
}

function customFindings(text: string, policy: Policy) {
  return analyze(text, policy).findings.filter((f) => f.type === 'custom');
}

describe('regex rules (RE2 via re2js)', () => {
  it('find matches with UTF-16 offsets and rule ids custom.<id>', () => {
    const { policy, problems } = parsePolicy({ customRules: [{ id: 'kd', pattern: 'KD-[0-9]{6}', action: 'block' }] });
    expect(problems).toEqual([]);
    const text = '😀 Kunde KD-123456 und kd-654321';
    const fs = customFindings(text, policy);
    expect(fs.map((f) => [f.rule, f.text, f.start, f.end])).toEqual([
      ['custom.kd', 'KD-123456', 9, 18],
      ['custom.kd', 'kd-654321', 23, 32],
    ]);
    expect(fs[0]!.score).toBe(1);
    expect(fs[0]!.explanation).toMatchObject({ recognizer: 'custom', pattern: 'custom.kd' });
  });

  it('respect caseInsensitive: false', () => {
    const { policy } = parsePolicy({ customRules: [{ id: 'kd', pattern: 'KD-[0-9]{6}', caseInsensitive: false }] });
    expect(customFindings('kd-123456 KD-123456', policy).map((f) => f.text)).toEqual(['KD-123456']);
  });

  it('catastrophic patterns finish fast: (a+)+$ on 50 000 a and a "!"', () => {
    const { policy, problems } = parsePolicy({
      customRules: [
        { id: 'evil1', pattern: '(a+)+$' },
        { id: 'evil2', pattern: '(a|aa)+b' },
        { id: 'evil3', pattern: '(x+x+)+y' },
        { id: 'evil4', pattern: '^(([a-z])+.)+[A-Z]([a-z])+$' },
      ],
    });
    expect(problems).toEqual([]);
    const text = 'a'.repeat(50_000) + '!';
    const t = performance.now();
    const a = analyze(text, policy);
    const took = performance.now() - t;
    expect(took).toBeLessThan(2000);
    // (a+)+$ cannot match before "!", the others find nothing either: the send is not held up.
    expect(a.error).toBeUndefined();
    const x = 'x'.repeat(50_000);
    const t2 = performance.now();
    analyze(x, policy);
    expect(performance.now() - t2).toBeLessThan(2000);
  });

  const bad: [string, string, RegExp][] = [
    ['look-behind', '(?<=Projekt )Falke', /look-behind/],
    ['negative look-behind', '(?<!no)Falke', /look-behind/],
    ['look-ahead', 'Falke(?=\\d)', /look-ahead/],
    ['negative look-ahead', 'Falke(?!x)', /look-ahead/],
    ['back-reference', '(a)\\1', /back-reference/],
    ['atomic group', '(?>a+)b', /atomic group/],
    ['unclosed class', '[a-z', /not a valid RE2 regular expression \(missing closing \]/],
    ['unclosed group', '(abc', /not a valid RE2/],
    ['bad repeat', 'a{2000}', /not a valid RE2/],
    ['possessive', 'a++', /not a valid RE2/],
    ['matches empty text', 'x*', /matches empty text/],
    ['only an anchor', '^', /matches empty text/],
    ['JavaScript literal', '/falke/i', /JavaScript regex literal/],
    ['too long', 'a'.repeat(LIMITS.patternLength + 1), /more than the supported/],
    ['too complex', '(?:(?:ab|cd|ef|gh){100}){10}', /too complex/],
    ['empty', '', /must not be empty/],
  ];
  for (const [name, pattern, message] of bad) {
    it(`${name} is reported and disabled, the rest applies`, () => {
      const { policy, problems } = parsePolicy({ detectors: { iban: { action: 'block' } }, customRules: [{ id: 'ok', words: ['Falke'] }, { id: 'bad', pattern }] });
      expect(problems).toHaveLength(1);
      expect(problems[0]!.path).toBe('customRules[1].pattern');
      expect(problems[0]!.message).toMatch(message);
      expect(problems[0]!.fallback).toBe('this rule is disabled; the other rules still apply');
      expect(policy.customRules.map((r) => r.id)).toEqual(['ok']);
      expect(policy.detectors.iban.action).toBe('block');
    });
  }

  it('a slash inside a pattern is not mistaken for a JavaScript literal', () => {
    expect(parsePolicy({ customRules: [{ id: 'path', pattern: '/api/v1/' }] }).problems).toEqual([]);
  });

  it('the patterns of all rules together have a size budget', () => {
    const heavy = '(?:(?:ab|cd|ef|gh){20}){20}'; // program size ≈ 4400
    const rules = Array.from({ length: 15 }, (_, i) => ({ id: `h${i}`, pattern: `${heavy}${i}` }));
    const { policy, problems } = parsePolicy({ customRules: rules });
    expect(policy.customRules.length).toBeGreaterThan(5);
    expect(policy.customRules.length).toBeLessThan(15);
    expect(problems[0]!.message).toMatch(/size of all patterns/);
  });
});

describe('word rules', () => {
  it('match whole words and phrases, any case, umlauts included', () => {
    const { policy } = parsePolicy({ customRules: [{ id: 'p', words: ['Projekt Falke', 'Überflieger', 'Falke 2'] }] });
    const text = 'Das projekt  FALKE startet; ÜBERFLIEGER-Team; Falkenhorst; Projekt Falkenberg; falke 2';
    expect(customFindings(text, policy).map((f) => f.text)).toEqual(['projekt  FALKE', 'ÜBERFLIEGER', 'falke 2']);
  });

  it('meet decomposed umlauts (U + combining diaeresis) in the message', () => {
    const { policy } = parsePolicy({ customRules: [{ id: 'p', words: ['Überflieger'] }] });
    expect(customFindings('das U\u0308berflieger-Team', policy).map((f) => f.text)).toEqual(['U\u0308berflieger']);
  });

  it('prefer the longest phrase at a position', () => {
    const { policy } = parsePolicy({ customRules: [{ id: 'p', words: ['Falke', 'Falke Zwei'] }] });
    expect(customFindings('Falke Zwei und Falke', policy).map((f) => f.text)).toEqual(['Falke Zwei', 'Falke']);
  });

  it('report words without letters, empty lists, and too many words', () => {
    const r = parsePolicy({ customRules: [{ id: 'a', words: ['ok', '!!!'] }, { id: 'b', words: [] }, { id: 'c', kind: 'words' }] });
    expect(r.problems.map((p) => [p.path, p.fallback])).toEqual([
      ['customRules[0].words[1]', 'this rule is disabled; the other rules still apply'],
      ['customRules[1].words', 'this rule is disabled; the other rules still apply'],
      ['customRules[2].words', 'this rule is disabled; the other rules still apply'],
    ]);
    const many = Array.from({ length: LIMITS.wordsPerRule + 10 }, (_, i) => `wort${i}`);
    const m = parsePolicy({ customRules: [{ id: 'm', words: many }] });
    expect(m.policy.customRules[0]!.words).toHaveLength(LIMITS.wordsPerRule);
    expect(m.problems[0]!.path).toBe('customRules[0].words');
    const total = Array.from({ length: 11 }, (_, r) => ({ id: `r${r}`, words: Array.from({ length: LIMITS.wordsPerRule }, (_, i) => `w${r}x${i}`) }));
    const t = parsePolicy({ customRules: total });
    expect(t.policy.customRules).toHaveLength(10);
    expect(t.problems.map((p) => p.path)).toEqual(['customRules[10].words']);
  });
});

describe('rule structure', () => {
  it('rejects missing, invalid and duplicate ids; infers kind; flags contradictions', () => {
    const r = parsePolicy({
      customRules: [
        { words: ['a'] },
        { id: 'has space', words: ['a'] },
        { id: 'dup', words: ['a'] },
        { id: 'dup', pattern: 'b' },
        { id: 'both', words: ['a'], pattern: 'b' },
        { id: 'neither' },
        { id: 'mismatch', kind: 'regex', pattern: 'c', words: ['ignored'] },
        'not a rule',
        { id: 'kind', kind: 'glob', pattern: 'x' },
      ],
    });
    expect(r.problems.map((p) => p.path)).toEqual([
      'customRules[0].id',
      'customRules[1].id',
      'customRules[3].id',
      'customRules[4]',
      'customRules[5]',
      'customRules[6].words',
      'customRules[7]',
      'customRules[8].kind',
    ]);
    expect(r.policy.customRules.map((x) => `${x.id}:${x.kind}`)).toEqual(['dup:words', 'mismatch:regex']);
    expect(r.policy.customRules[1]!.words).toBeUndefined();
  });

  it('more than the supported number of rules: the first ones apply', () => {
    const rules = Array.from({ length: LIMITS.customRules + 3 }, (_, i) => ({ id: `r${i}`, words: [`w${i}`] }));
    const r = parsePolicy({ customRules: rules });
    expect(r.policy.customRules).toHaveLength(LIMITS.customRules);
    expect(r.problems.map((p) => p.path)).toEqual(['customRules']);
  });

  it('not a list at all', () => {
    const r = parsePolicy({ customRules: { id: 'x' } });
    expect(r.problems[0]).toMatchObject({ path: 'customRules', fallback: 'no custom rules apply' });
  });

  it('compileCustomRule never throws', () => {
    for (const r of [rule({ id: 'a', pattern: undefined as unknown as string, kind: 'regex' }), rule({ id: 'b', kind: 'words', words: undefined })]) {
      expect(compileCustomRule(r).ok).toBe(false);
    }
  });
});

describe('decisions for custom findings', () => {
  const base = {
    detectors: { custom: { action: 'block' } },
    customRules: [
      { id: 'falke', words: ['Projekt Falke'], action: 'warn', message: { de: 'Projekt Falke ist vertraulich.', en: 'Project Falcon is confidential.' } },
      { id: 'kd', pattern: 'KD-\\d{6}' },
      { id: 'note', words: ['Notiz'], action: 'allow' },
    ],
  };

  it('each rule has its own action (or detectors.custom.action) and carries its message', () => {
    const { policy } = parsePolicy(base);
    const a = analyze('Projekt Falke, KD-123456, Notiz', policy);
    expect(a.decision.action).toBe('block');
    expect(a.decision.reasons).toEqual([
      { type: 'custom', action: 'block', rule: 'custom.kd', findings: [1] },
      { type: 'custom', action: 'warn', rule: 'custom.falke', message: { de: 'Projekt Falke ist vertraulich.', en: 'Project Falcon is confidential.' }, findings: [0] },
    ]);
    expect(analyze('Projekt Falke', policy).decision.action).toBe('warn');
    expect(analyze('Notiz', policy).decision.action).toBe('allow');
  });

  it('monitor never interrupts, training never blocks; both keep what enforce would do', () => {
    const monitor = analyze('KD-123456', parsePolicy({ ...base, mode: 'monitor' }).policy).decision;
    expect(monitor).toMatchObject({ action: 'allow', policyAction: 'block' });
    expect(monitor.reasons).toHaveLength(1);
    const trainingPolicy = parsePolicy({ ...base, mode: 'training', override: { allowed: false } }).policy;
    const training = analyze('KD-123456', trainingPolicy).decision;
    expect(training).toMatchObject({ action: 'warn', policyAction: 'block' });
    expect(overrideOffer(training, trainingPolicy)?.sendAnyway).toBe(true);
    const enforce = analyze('KD-123456', parsePolicy(base).policy).decision;
    expect(enforce.policyAction).toBeUndefined();
  });

  it('the allow-list and OCR text apply to custom findings too', () => {
    const { policy } = parsePolicy({ ...base, allowlist: ['kd-000000'] });
    expect(analyze('KD-000000', policy).decision.action).toBe('allow');
    const img = analyze('Bild: KD-123456', policy, { ocr: true });
    expect(img.findings[0]!.source).toBe('image');
  });

  it('custom findings do not lose overlap resolution against built-in ones', () => {
    const { policy } = parsePolicy({ customRules: [{ id: 'anna', words: ['Anna Müller'], action: 'block' }], clients: ['Anna Müller'] });
    const a = analyze('Termin mit Anna Müller', policy);
    expect(a.findings.some((f) => f.rule === 'custom.anna')).toBe(true);
    expect(a.decision.action).toBe('block');
  });

  it('recognizers are compiled once per policy object', () => {
    const { policy } = parsePolicy(base);
    expect(customRecognizers(policy)).toBe(customRecognizers(policy));
    expect(customRecognizers(parsePolicy({}).policy)).toEqual([]);
  });

  it('decide() works on findings from elsewhere (unknown custom rule → detectors.custom.action)', () => {
    const { policy } = parsePolicy(base);
    const f = { type: 'custom' as const, start: 0, end: 1, text: 'x', score: 1, rule: 'custom.gone', explanation: { recognizer: 'custom', pattern: 'custom.gone', baseScore: 1 } };
    expect(decide([f], policy).action).toBe('block');
  });
});
