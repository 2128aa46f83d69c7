// Hashed client names: normalisation makes spelling variants meet, the salt separates organisations,
// and the matcher API lets the client_name recognizer test candidate words synchronously.
import { describe, expect, it } from 'vitest';
import {
  buildContext,
  clientHashEntries,
  findHashedClientMentions,
  hashClientName,
  makeHashedClientMatcher,
  normalizeClientName,
  parsePolicy,
  type ClientHashes,
} from '../../src/core/index.js';

const SALT = 'test-salt-1234';

function hashesFor(names: string[], salt = SALT): ClientHashes {
  return { salt, hashes: [...new Set(names.flatMap((n) => clientHashEntries(n, salt).entries))] };
}

describe('normalizeClientName', () => {
  const same: [string, string[]][] = [
    ['anna muller', ['Anna Müller', 'Anna Mueller', 'Anna Muller', 'ANNA MÜLLER', 'Müller, Anna', 'Mueller Anna', '  Anna   Müller ', 'Frau Dr. Anna Müller', 'Anna Mu\u0308ller']],
    ['strauss', ['Strauß', 'Strauss', 'STRAUSS']],
    ['ludenscheidt muller', ['Müller-Lüdenscheidt', 'Mueller Luedenscheidt', 'Lüdenscheidt–Müller']],
    ['backerei schmidt', ['Bäckerei Schmidt GmbH', 'Baeckerei Schmidt', 'Schmidt, Bäckerei', 'Bäckerei Schmidt e.V.']],
    ['kilic', ['Kılıç', 'Kilic']],
    ['lukasz wojcik', ['Łukasz Wójcik', 'Lukasz Wojcik']],
    ['obrien sean', ["Seán O'Brien", 'Sean OBrien', 'Sean O’Brien']],
    ['francois lefevre', ['François Lefèvre', 'Francois Lefevre']],
    ['jorgensen soren', ['Søren Jørgensen', 'Soren Jorgensen']],
  ];
  for (const [want, variants] of same) {
    for (const v of variants) it(`${JSON.stringify(v)} → ${want}`, () => expect(normalizeClientName(v)).toBe(want));
  }

  it('is empty when nothing but titles and punctuation is left', () => {
    expect(normalizeClientName('Herr Dr.')).toBe('');
    expect(normalizeClientName(' - , ')).toBe('');
    expect(hashClientName('GmbH & Co. KG', SALT)).toBeUndefined();
  });
});

describe('hashClientName', () => {
  it('Müller, Mueller and Muller hash the same; name order does not matter', () => {
    const h = hashClientName('Anna Müller', SALT);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    for (const v of ['Anna Mueller', 'anna muller', 'Müller, Anna', 'Muller Anna']) expect(hashClientName(v, SALT)).toBe(h);
    expect(hashClientName('Anna Meier', SALT)).not.toBe(h);
  });

  it('a different salt gives a different hash', () => {
    expect(hashClientName('Anna Müller', 'other-salt-99')).not.toBe(hashClientName('Anna Müller', SALT));
  });

  it('entries: full name, plus the surname for names with two or more parts', () => {
    const e = clientHashEntries('Anna Müller', SALT);
    expect(e.entries).toHaveLength(2);
    expect(e.entries[0]).toBe(`full:${hashClientName('Anna Müller', SALT)}`);
    expect(e.entries[1]).toBe(`surname:${hashClientName('Müller', SALT)}`);
    expect(clientHashEntries('Müller, Anna', SALT).entries).toEqual(e.entries);
    expect(clientHashEntries('Madonna', SALT).entries).toHaveLength(1);
    expect(clientHashEntries('Anna Müller', SALT, { surnames: false }).entries).toHaveLength(1);
    expect(clientHashEntries('Dr.', SALT)).toMatchObject({ entries: [], notes: [expect.stringContaining('skipped')] });
    expect(clientHashEntries('A B C D E F', SALT).notes[0]).toMatch(/6 parts/);
  });
});

describe('makeHashedClientMatcher', () => {
  const match = makeHashedClientMatcher(hashesFor(['Anna Müller', 'Bäckerei Schmidt GmbH']));

  it('says full or surname for candidate words in any order and spelling', () => {
    expect(match(['Anna', 'Müller'])).toBe('full');
    expect(match(['Mueller', 'Anna'])).toBe('full');
    expect(match(['Frau', 'Anna', 'Muller'])).toBe('full');
    expect(match(['Müller'])).toBe('surname');
    expect(match(['Schmidt'])).toBe('surname');
    expect(match(['Bäckerei', 'Schmidt'])).toBe('full');
    expect(match(['Anna'])).toBeUndefined();
    expect(match(['Anna', 'Meier'])).toBeUndefined();
    expect(match([])).toBeUndefined();
    expect(match(['Herr'])).toBeUndefined();
  });

  it('with another salt nothing matches', () => {
    const other = makeHashedClientMatcher({ salt: 'another-salt', hashes: hashesFor(['Anna Müller']).hashes });
    expect(other(['Anna', 'Müller'])).toBeUndefined();
  });

  it('ignores malformed entries, and a full entry wins over a surname entry for the same hash', () => {
    const h = hashClientName('Müller', SALT)!;
    const m = makeHashedClientMatcher({ salt: SALT, hashes: ['garbage', `surname:${h}`, h] });
    expect(m(['Müller'])).toBe('full');
  });
});

describe('findHashedClientMentions', () => {
  const match = makeHashedClientMatcher(hashesFor(['Anna Müller', 'Hans-Peter Schulze-Wiehenbrauk']));

  it('finds full names and surnames with offsets, longest first', () => {
    const text = 'Gestern hat Anna Mueller angerufen, später Frau Müller nochmal. Hans Peter Schulze Wiehenbrauk auch.';
    const found = findHashedClientMentions(text, match).map((m) => [text.slice(m.start, m.end), m.kind]);
    expect(found).toEqual([
      ['Anna Mueller', 'full'],
      ['Müller', 'surname'],
      ['Hans Peter Schulze Wiehenbrauk', 'full'],
    ]);
  });

  it('stays fast on a long message (cached per candidate)', () => {
    const text = 'Lorem ipsum dolor sit amet, Anna Müller consectetur adipiscing elit. '.repeat(40);
    const t = performance.now();
    for (let i = 0; i < 10; i++) findHashedClientMentions(text, match);
    expect(performance.now() - t).toBeLessThan(1000);
    expect(findHashedClientMentions(text, match)).toHaveLength(40);
  });
});

describe('engine wiring', () => {
  it('the analysis context carries the matcher when the policy has clientHashes', () => {
    const { policy, problems } = parsePolicy({ clientHashes: hashesFor(['Anna Müller']) });
    expect(problems).toEqual([]);
    const ctx = buildContext('hallo', policy);
    expect(ctx.clientHashMatcher?.(['Anna', 'Müller'])).toBe('full');
    expect(buildContext('hallo', policy).clientHashMatcher).toBe(ctx.clientHashMatcher);
    expect(buildContext('hallo', parsePolicy({}).policy).clientHashMatcher).toBeUndefined();
  });
});
