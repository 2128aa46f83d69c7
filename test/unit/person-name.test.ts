import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildContext, parsePolicy, recognize, type Finding } from '../../src/core/index.js';
import { personNameRecognizer } from '../../src/core/recognizers/person-name.js';

const root = new URL('../..', import.meta.url).pathname;

function raw(text: string): Finding[] {
  const ctx = buildContext(text, parsePolicy({}).policy);
  return personNameRecognizer.prefilter(ctx) ? personNameRecognizer.analyze(ctx) : [];
}
const names = (text: string) => raw(text).map((f) => f.text);

describe('person_name', () => {
  it.each([
    ['Frau Keller hat heute frei', 'Frau Keller'],
    ['bitte Herrn Becker zurückrufen', 'Herrn Becker'],
    ['Dr. Schmidt ist ab Montag im Urlaub', 'Dr. Schmidt'],
    ['Rückruf Jobcenter, Frau Hegemann: (0221) 9476-312', 'Frau Hegemann'],
    ['Vermieter Hr. Baumann', 'Hr. Baumann'],
    ['ausgedruckt von: Dr. med. Renate Seidel', 'Dr. med. Renate Seidel'],
    ['Frau De Luca hört schlecht', 'Frau De Luca'],
    ['Frau von der Leyen kommt', 'Frau von der Leyen'],
    ['im rucksack von frau berger', 'frau berger'],
  ])('salutation or title + name: %s', (text, span) => {
    expect(names(text)).toEqual([span]);
  });

  it.each([
    ['Sandra Keller übernimmt die Dienstplanung', 'Sandra Keller'],
    ['Petra Klein aus der Buchhaltung', 'Petra Klein'],
    ['Einladung BEM für Ralf Ziegler ist raus', 'Ralf Ziegler'],
    ['Karteninhaber: Bernd Albrecht', 'Bernd Albrecht'],
    ['Olaf Scholz und Angela Merkel waren hier', 'Olaf Scholz'],
    ['Kontoinhaber Markus Lehmann. Danke!', 'Markus Lehmann'],
    ['Anna Lena Schmidt kommt später', 'Anna Lena Schmidt'],
    ['Francesca De Luca asked us', 'Francesca De Luca'],
    ['hat thomas müller gestern getroffen?', 'thomas müller'],
    ['Name, Vorname  Berger, Julia', 'Berger, Julia'],
  ])('given name + surname: %s', (text, span) => {
    expect(names(text)[0]).toBe(span);
  });

  it('a lone given name is a weak person reference (context for health, below the default threshold)', () => {
    const [steffi] = raw('Steffi fällt länger aus – Risikoschwangerschaft');
    expect(steffi!.text).toBe('Steffi');
    expect(steffi!.score).toBeLessThan(0.5);
    expect(names("Just got Tom's sick note, gastroenteritis")).toEqual(['Tom']);
    expect(names('giulia hat heut erzählt dass sie sich ritzt')).toEqual(['giulia']);
    expect(names('50€ fürs abschiedsgeschenk von uwe')).toEqual(['uwe']);
  });

  it.each([
    'mein Sohn hat Fieber',
    'my wife is at the oncology clinic',
    'meine mutter ist gestürzt',
    'vater von jemandem ist krank',
    'klein aber fein',
    'der Koch hat Urlaub',
    'bin heute krank, komme nicht',
    'Will you join us? Mark the date, Frank said',
    'Frau Doktor hat gesagt es ist nichts',
    'Herr der Ringe läuft heute',
    'Fr Backfisch mit Remoulade, Mo Wolfsbarsch, Mi Hähnchen-Curry',
    'check the HR portal for the claim form',
    'Die Domain jugendhilfe-nordstadt.de läuft im August aus',
    'Referenz bitte bei allen Rückfragen angeben',
    'ausflug in den zoo verschieben wir',
    'pay to GB40 LOYD 9921 3557 7601 43',
    'schreib an sandra.keller@example.org',
  ])('no name in %s', (text) => {
    expect(names(text)).toEqual([]);
  });

  it('Teams @mentions are persons (colleagues)', () => {
    expect(names('@Sandra Keller kannst du übernehmen?')).toEqual(['Sandra Keller']);
  });

  it('offsets point into the original text', () => {
    const text = '👋 Frau Keller und 🎉 Sandra Keller';
    const fs = raw(text);
    expect(fs.map((f) => f.text)).toEqual(['Frau Keller', 'Sandra Keller']);
    for (const f of fs) expect(text.slice(f.start, f.end)).toBe(f.text);
  });

  it('a client on the list is reported as client_name, not person_name, by the engine', async () => {
    const clients = (JSON.parse(readFileSync(join(root, 'test/data/corpus/clients.json'), 'utf8')) as { clients: string[] }).clients;
    const { analyze } = await import('../../src/core/index.js');
    const policy = parsePolicy({ clients, detectors: { person_name: { action: 'warn' }, client_name: { action: 'warn' } } }).policy;
    const types = analyze('Jonas Wolf und Sandra Keller', policy).findings.map((f) => `${f.type}:${f.text}`);
    expect(types).toEqual(['client_name:Jonas Wolf', 'person_name:Sandra Keller']);
  });

  it('is cheap: well under 0.5 ms per chat message', () => {
    const lines = readFileSync(join(root, 'test/data/corpus/dev.jsonl'), 'utf8').split('\n').filter(Boolean)
      .map((l) => (JSON.parse(l) as { text: string }).text);
    const policy = parsePolicy({}).policy;
    const ctxs = lines.map((t) => buildContext(t, policy));
    for (const c of ctxs) recognize(c, [personNameRecognizer]);
    const t0 = performance.now();
    for (let k = 0; k < 5; k++) for (const c of ctxs) recognize({ ...c, text: c.text + ' '.repeat(k), lower: c.lower + ' '.repeat(k) }, [personNameRecognizer]);
    const perMessage = (performance.now() - t0) / (5 * ctxs.length);
    expect(perMessage).toBeLessThan(0.5);
  });
});
