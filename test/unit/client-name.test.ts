import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, buildContext, parsePolicy, type Finding } from '../../src/core/index.js';
import { clientNameRecognizer } from '../../src/core/recognizers/client-name.js';
import { buildIndex, clientIndex, splitName } from '../../src/core/recognizers/names/client-index.js';
import { skeleton } from '../../src/core/recognizers/names/skeleton.js';

const root = new URL('../..', import.meta.url).pathname;
const CORPUS = (JSON.parse(readFileSync(join(root, 'test/data/corpus/clients.json'), 'utf8')) as { clients: string[] }).clients;

/** A different list from the corpus one: the recognizer must not depend on the 40 dev names. */
const OTHER = [
  'Maria Schmidt', 'Kevin Lange', 'Hans-Peter Vogel', 'Svetlana Kusnezowa', 'Mohammed Al-Rashid', 'Aleksandra Wójcik',
  'Jean-Luc Dubois', 'Ngoc Anh Le', "John O'Brien", 'Chiara Bianchi', 'Berat Şahin', 'Oksana Melnyk', 'Martin Thomas',
  'Ivana Horvat', 'Samira Nasser-Ali',
];

/** client_name findings that count at the default (medium) threshold. */
function found(text: string, clients: string[] = CORPUS, ocr = false): Finding[] {
  const ctx = buildContext(text, parsePolicy({ clients }).policy, { ocr });
  return clientNameRecognizer.analyze(ctx).filter((f) => f.score >= 0.5);
}
const texts = (text: string, clients?: string[], ocr?: boolean) => found(text, clients, ocr).map((f) => f.text);

describe('client_name: forms of a client name (corpus list)', () => {
  it.each([
    ['Jonas Wolf liegt im KH', 'Jonas Wolf'],
    ['marco fuchs hat unterschrieben', 'marco fuchs'],
    ['unterschrift fehlt bei wolf jonas (7b)', 'wolf jonas'],
    ['Teilnehmer: Müller, Anna', 'Müller, Anna'],
    ['MÜLLER, ANNA – Akte fehlt', 'MÜLLER, ANNA'],
    ['Interpreter booked for Nguyen Thi Lan', 'Nguyen Thi Lan'],
    ['Lan Nguyen braucht einen Termin', 'Lan Nguyen'],
    ['Heinz Günther Meißner braucht Hilfe', 'Heinz Günther Meißner'],
    ['Tour: bei Heinz-Günther Meißner Marcumar weglassen', 'Heinz-Günther Meißner'],
    ['Frau Katarzyna Nowak hat geschrieben', 'Frau Katarzyna Nowak'],
    ['Anna Maria Müller hat angerufen', 'Anna Maria Müller'],
  ])('full name: %s', (text, span) => {
    expect(texts(text)).toEqual([span]);
    expect(found(text)[0]!.score).toBe(0.95);
  });

  it.each([
    ['frau öztürk hat die diagnose bekommen', 'frau öztürk'],
    ['hr. braun hat 3x angerufen', 'hr. braun'],
    ['Mr Koch called about his rent', 'Mr Koch'],
    ['bei herrn koch ist der dekubitus schlimmer', 'herrn koch'],
    ['bei familie demir war das gespräch', 'familie demir'],
    ['Fr. Çelik: Emre hat Fieber', 'Fr. Çelik'],
    ['Frau De Luca hört schlecht', 'Frau De Luca'],
    ['Termin mit Frau Dr. Braun', 'Frau Dr. Braun'],
    ['Frau Brandt wartet im Flur', 'Frau Brandt'],
    ['Bitte Rückruf an Herrn Al Hassan', 'Herrn Al Hassan'],
    ['Ms. Klein asked for a callback', 'Ms. Klein'],
  ])('salutation + surname, span includes the salutation: %s', (text, span) => {
    expect(texts(text)).toEqual([span]);
    expect(found(text)[0]!.score).toBe(0.9);
  });

  it('initial + surname, only with the client\'s initial', () => {
    expect(texts('A. Müller hat nen krampfanfall gehabt')).toEqual(['A. Müller']);
    expect(found('A. Müller hat nen krampfanfall gehabt')[0]!.score).toBe(0.85);
    expect(texts('P. Koch hat die Schlüssel')).toEqual(['P. Koch']);
    expect(texts('J. Müller hat angerufen')).toEqual([]); // Anna Müller's initial is A
    expect(texts('Die Theater-AG spielt E.T.A. Hoffmann')).toEqual([]);
  });

  it.each([
    ['iwanow war heute wieder nicht da', 'iwanow'],
    ['10:30 hausbesuch kowalczyk', 'kowalczyk'],
    ['IBAN: de25 8206 4228 0546 1441 98\nname: Stoll', 'Stoll'],
    ['NK-Nachzahlung wohnung Kaya-Schulz geht an', 'Kaya-Schulz'],
    ['Al-Hassan war heute nicht beim Deutschkurs', 'Al-Hassan'],
    ['de luca hat die miete nicht bezahlt', 'de luca'],
    ['Esposito hat Geburtstag', 'Esposito'],
    ['Zielinskis Mutter hat angerufen', 'Zielinskis'],
  ])('distinctive bare surname: %s', (text, span) => {
    expect(texts(text)).toEqual([span]);
  });

  it('common-word surname alone only with name context', () => {
    expect(texts('Wohnung Fuchs: Schimmel im Bad')).toEqual(['Fuchs']);
    expect(texts('akte koch liegt auf meinem tisch')).toEqual(['koch']);
    expect(texts('Hilfeplan bei koch zuhause')).toEqual(['koch']);
    expect(found('Wohnung Fuchs: Schimmel im Bad')[0]!.score).toBe(0.6);
  });

  it.each([
    ['Emre Celik got accepted', 'Emre Celik'],
    ['Mehmet Yilmaz hat den Ausweis', 'Mehmet Yilmaz'],
    ['frau strauss wartet unten', 'frau strauss'],
    ['Kurze Rückmeldung zu Frau Mueller', 'Frau Mueller'],
    ['Bitte Kontakt Mia Schroeder aufnehmen', 'Mia Schroeder'],
    ['Piotr Wisniewski\'s employer called', 'Piotr Wisniewski'],
    ['Tomasz Zielinski is waiting', 'Tomasz Zielinski'],
    ['Sophie Brandt-Hoefer kommt mit', 'Sophie Brandt-Hoefer'],
    ['Frau Öztuerk hat geschrieben', 'Frau Öztuerk'],
    ['Leon Hoffmann-Yildiz hat Streit', 'Leon Hoffmann-Yildiz'],
    ['Dmitri Ivanov needs a translator', 'Dmitri Ivanov'],
    ['Ivanov called again', 'Ivanov'],
    ['Iwanov called again', 'Iwanov'],
    ['Olga Smirnova called twice', 'Olga Smirnova'],
    ['Alexei Kuznetsov moved out', 'Alexei Kuznetsov'],
    ['Kuznetsov needs a new appointment', 'Kuznetsov'],
    ['Frau Petrowa hat das Formular geschickt', 'Frau Petrowa'],
  ])('diacritics and transliteration: %s', (text, span) => {
    expect(texts(text)).toEqual([span]);
  });

  it('OCR mode reads ß misread as B', () => {
    expect(texts('Name: StrauB, Greta', CORPUS, true)).toEqual(['StrauB, Greta']);
    expect(texts('MeiBner, Heinz-Günther geb. 02.11.1941', CORPUS, true)).toEqual(['MeiBner, Heinz-Günther']);
  });
});

describe('client_name: not a client', () => {
  it.each([
    'klein aber fein 😄 der neue besprechungsraum ist fertig',
    'hab hunger wie ein wolf, wer kommt mit zum bäcker?',
    'der fuchs war heute nacht wieder an den mülltonnen',
    'schlau wie ein fuchs',
    'Koch gesucht für das Sommerfest-Grillen',
    'wir brauchen einen Koch für das Sommerfest',
    'im winter machen wir die ferienfreizeit im harz',
    'bringt jemand ne rose mit für den geburtstag?',
    'Energy prices rose by 12% again',
    'der braune ordner im regal hinten',
    'Blumenstrauß für Uwe ist bestellt',
    'lange nicht gesehen, wie gehts?',
    'Stollen und Glühwein am 20.12. im Foyer',
    'Neue Außenstelle: Kochstraße 5, 2. OG',
    'Dienstreise nach Wolfsburg am 14.',
    'Treffen in Braunschweig',
    'Hotel Alpenrose pls pay by friday',
  ])('common words, streets and places: %s', (text) => {
    expect(texts(text)).toEqual([]);
  });

  it.each([
    'anna aus dem praktikum kommt morgen erst um 10',
    'giulia hat heut erzählt dass sie sich ritzt',
    'Jonas kommt später',
    'Petra Klein aus der Buchhaltung ist ab Montag zuständig',
    'hat thomas müller gestern wieder getroffen?',
    'Buchclub liest Kassandra von Christa Wolf',
    'Halloween-Party: wer kommt als Freddy Krüger?',
    'Jana Hofer schickt die Rechnung',
    'Jonas Klein aus der 3b hat Geburtstag', // Jonas is another client's given name
    'Walzer von Johann Strauß',
    'Marcus Braun, Kollege aus dem IT-Support',
    'Anna-Lena Winter ist neu im Team',
    'Hoffmann hat das Buch geschrieben', // a frequent surname that is only part of a client's double name
  ])('given name alone or another person with a client surname: %s', (text) => {
    expect(texts(text)).toEqual([]);
  });

  it.each([
    'kannst du bei müller noch druckerpatronen holen?',
    'Pizzeria Romano or the Thai place?',
    "mittag bei 'pho nguyen' an der ecke?",
    'Müller-Milch ist alle',
    'Die Anna-Müller-Straße ist gesperrt',
    'Braun GmbH hat die Rechnung geschickt',
    'Haddad Bakery hat neue Croissants',
  ])('shops, brands, companies, streets: %s', (text) => {
    expect(texts(text)).toEqual([]);
  });

  it('ignores e-mail addresses, domains and Teams @mentions', () => {
    expect(texts('kontaktdaten: emily.rose03@icloud.com')).toEqual([]);
    expect(texts('mail ist a.kowalczyk88@gmx.de')).toEqual([]);
    expect(texts('@Sandra Keller kannst du übernehmen?')).toEqual([]);
    // The client after the mention still counts.
    expect(texts('@Sandra Keller Jonas Wolf liegt im KH')).toEqual(['Jonas Wolf']);
  });

  it('engine: a client name inside an e-mail address is reported as email only', () => {
    const policy = parsePolicy({ clients: CORPUS }).policy;
    const types = analyze('hier: emily.rose03@icloud.com', policy).findings.map((f) => f.type);
    expect(types).not.toContain('client_name');
  });
});

describe('client_name: generality (another client list)', () => {
  it.each([
    ['Frau Schmidt ist im Urlaub', 'Frau Schmidt'],
    ['maria schmidt hat angerufen', 'maria schmidt'],
    ['Kevin Lange braucht Hilfe', 'Kevin Lange'],
    ['Herr Lange wartet unten', 'Herr Lange'],
    ['Hans Peter Vogel ist umgezogen', 'Hans Peter Vogel'],
    ['Kuznetsova hat angerufen', 'Kuznetsova'],
    ['Herr Rashid hat den Bescheid', 'Herr Rashid'],
    ['Wojcik hat die Miete überwiesen', 'Wojcik'],
    ['Jean-Luc Dubois', 'Jean-Luc Dubois'],
    ['Frau Le hat angerufen', 'Frau Le'],
    ["Mr O'Brien called", "Mr O'Brien"],
    ['obrien hat die papiere', 'obrien'],
    ['Sahin hat Geburtstag', 'Sahin'],
    ['Melnik braucht einen Termin', 'Melnik'],
    ['Herr Thomas hat angerufen', 'Herr Thomas'],
    ['Frau Nasser-Ali hat geschrieben', 'Frau Nasser-Ali'],
  ])('finds %s', (text, span) => {
    expect(texts(text, OTHER)).toEqual([span]);
  });

  it.each([
    'lange nicht gesehen',
    'der Vogel singt',
    'Thomas hat Urlaub',
    'Martin hat angerufen',
    'le weekend',
    'Ali hat Urlaub',
    'Peter Schmidt aus der Buchhaltung',
    'die Vogelgrippe ist zurück',
    'Schmidt & Co liefert morgen',
  ])('does not find %s', (text) => {
    expect(texts(text, OTHER)).toEqual([]);
  });

  it('finds nothing without a client list', () => {
    const ctx = buildContext('Jonas Wolf liegt im KH', parsePolicy({}).policy);
    expect(clientNameRecognizer.prefilter(ctx)).toBe(false);
  });
});

describe('client_name: offsets, scores, explanation', () => {
  it('offsets are UTF-16 indexes into the original text (emoji, umlauts)', () => {
    const text = '🎉🎉 heute: Frau Öztürk & Jonas Wolf 👍 und iwanow';
    const fs = found(text);
    expect(fs.map((f) => f.text)).toEqual(['Frau Öztürk', 'Jonas Wolf', 'iwanow']);
    for (const f of fs) expect(text.slice(f.start, f.end)).toBe(f.text);
  });

  it('names its rule and does not put the name into the explanation', () => {
    const [f] = found('Termin mit Frau Winter');
    expect(f!.rule).toBe('client_name.salutation');
    expect(f!.explanation.recognizer).toBe('client_name');
    expect(JSON.stringify(f!.explanation)).not.toContain('Winter');
  });

  it('weak candidates below the medium threshold count only at high sensitivity', () => {
    const policy = (s: 'medium' | 'high') => parsePolicy({ clients: CORPUS, detectors: { client_name: { action: 'warn', sensitivity: s } } }).policy;
    // A frequent surname alone ("Müller"): a guess, not a finding, at medium.
    expect(analyze('das hat müller so gesagt', policy('medium')).findings).toEqual([]);
    expect(analyze('das hat müller so gesagt', policy('high')).findings.map((f) => f.type)).toEqual(['client_name']);
  });
});

describe('client_name: index', () => {
  it('splits names into given name and surname', () => {
    expect(splitName('Francesca De Luca')).toEqual({ given: ['francesca'], surname: ['de', 'luca'] });
    expect(splitName('Thi Lan Nguyen')).toEqual({ given: ['thi', 'lan'], surname: ['nguyen'] });
    expect(splitName('Müller, Anna')).toEqual({ given: ['anna'], surname: ['müller'] });
    expect(splitName('Heinz-Günther Meißner')).toEqual({ given: ['heinz', 'günther'], surname: ['meißner'] });
  });

  it('skeletons merge spelling variants', () => {
    const same = [['Müller', 'Mueller', 'Muller'], ['Iwanow', 'Ivanov', 'Iwanov'], ['Kusnezow', 'Kuznetsov'], ['Smirnowa', 'Smirnova'],
      ['Yılmaz', 'Yilmaz'], ['Strauß', 'Strauss'], ['Meißner', 'Meissner', 'Meisner'], ['Öztürk', 'Oeztuerk', 'Ozturk'],
      ['Alexej', 'Aleksei', 'Alexey'], ['Wiśniewski', 'Wisniewski'], ['Çelik', 'Celik'], ['Zieliński', 'Zielinski']];
    for (const group of same) expect(new Set(group.map((w) => skeleton(w.toLowerCase()))).size, group.join('/')).toBe(1);
  });

  it('classifies surnames by how much they say alone, for any list', () => {
    const idx = buildIndex(['Sabine Klein', 'Dmitri Iwanow', 'Anna Müller', 'Zeynep Kaya-Schulz', 'Jannik Stoll', 'Natalia Petrova-Becker'].map((name) => ({ name })));
    const strength = (s: string) => idx.byFirst.get(skeleton(s))?.find((k) => k.atoms.length === 1)?.strength;
    expect(strength('klein')).toBe('word');
    expect(strength('iwanow')).toBe('strong');
    expect(strength('müller')).toBe('weak');
    expect(strength('petrova')).toBe('weak'); // one part of a double surname
    expect(strength('schulz')).toBe('word'); // … that is also a frequent surname
    expect(strength('stoll')).toBe('strong');
  });

  it('is built once per list content, not per analysis', () => {
    const a = clientIndex(CORPUS.map((name) => ({ name })));
    const b = clientIndex(CORPUS.map((name) => ({ name })));
    expect(b).toBe(a);
    const c = clientIndex([...CORPUS, 'Neue Klientin'].map((name) => ({ name })));
    expect(c).not.toBe(a);
  });

  it('skips hashed entries without a readable name', () => {
    const idx = buildIndex([{ name: '' }, { name: 'Jonas Wolf' }]);
    expect(idx.clients.length).toBe(1);
  });
});
