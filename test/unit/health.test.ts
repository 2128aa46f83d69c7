// Behaviour of the health recognizer (GDPR Art. 9): positives with a person, compounds, codes and
// patterns; general, statistical, institutional and idiomatic negatives; absence without a reason;
// exact offsets of the spans.
import { describe, expect, it } from 'vitest';
import { analyze, buildContext, parsePolicy, DETECTOR_TYPES, type Finding } from '../../src/core/index.js';
import { healthRecognizer } from '../../src/core/recognizers/health.js';

const policy = parsePolicy({ detectors: Object.fromEntries(DETECTOR_TYPES.map((t) => [t, { action: 'warn' }])) }).policy;

/** Raw findings of the health recognizer alone (before the engine's threshold and person linking). */
function raw(text: string): Finding[] {
  const ctx = buildContext(text, policy);
  return healthRecognizer.prefilter(ctx) ? healthRecognizer.analyze(ctx) : [];
}
/** Health findings that count under a medium-sensitivity policy, through the whole engine. */
function counted(text: string): Finding[] {
  return analyze(text, policy).findings.filter((f) => f.type === 'health');
}
const flags = (text: string) => counted(text).length > 0;
const spans = (text: string) => counted(text).map((f) => f.text);

describe('health: person + health term', () => {
  it.each([
    'Mein Sohn hat Windpocken, ich bleibe bis Mittwoch zuhause.',
    'hab seit gestern fieber und halsweh',
    'Frau Albers hat eine Angststörung und nimmt Escitalopram.',
    'Er war drei Wochen in der Psychiatrie.',
    'Sie ist schwanger, 9. SSW.',
    'meine Oma hat jetzt Pflegegrad 4',
    'Er hat einen GdB von 50 und ein Hörgerät.',
    'bei ihm ist die Demenz weiter fortgeschritten',
    'Der Vater ist alkoholabhängig und war beim Hausbesuch betrunken.',
    'my husband was diagnosed with diabetes last week',
    "I'm pregnant, please keep it quiet for now",
    'She has been self-harming again, her mum called.',
    'he takes methadone every morning at the clinic',
    "Dad's in hospital after a heart attack",
    'die Klientin erwartet ihr zweites Kind, Termin ist im Mai',
    'bin heute beim Orthopäden wegen meiner Schulter',
    'Klient ist HCV-positiv, Behandlung läuft',
  ])('%s', (text) => expect(flags(text)).toBe(true));
});

describe('health: German compounds are analysed by their head', () => {
  it.each([
    ['AU bis Freitag, Kniegelenksentzündung', 'Kniegelenksentzündung'],
    ['meine Schwester hat eine Schilddrüsenunterfunktion', 'Schilddrüsenunterfunktion'],
    ['er hat einen Oberschenkelhalsbruch', 'Oberschenkelhalsbruch'],
    ['sie hat eine Essstörung', 'Essstörung'],
    ['sein Onkel hat Darmkrebs', 'Darmkrebs'],
    ['ich hab Rückenschmerzen', 'Rückenschmerzen'],
    ['er hatte einen Kreuzbandriss', 'Kreuzbandriss'],
    ['mein Sohn hat eine Nussallergie', 'Nussallergie'],
    ['Frau Kaya hatte nach der Brustkrebs-OP eine Reha', 'Brustkrebs-OP'],
    ['Die Mutter hat eine Borderline-Persönlichkeitsstörung.', 'Borderline-Persönlichkeitsstörung'],
    ['Hoergeraet von Herrn Lindner ist kaputt', 'Hoergeraet'],
  ])('%s → %s', (text, span) => expect(spans(text)).toContain(span));

  it.each([
    'Nach dem Einbruch im Büro fehlt ein Laptop.',
    'Der Abbruch des Projekts war richtig.',
    'Wasserrohrbruch im Keller, bitte nicht runtergehen.',
    'Netzwerkstörung im 2. OG, IT ist informiert.',
    'Wir haben Sehnsucht nach Urlaub.',
    'er hat die Akte besucht und versucht, sie zu finden',
    'Bitte Händedesinfektion vor jedem Kontakt.',
    'Die Software hat noch Kinderkrankheiten der ersten Version.',
  ])('no health in %s', (text) => expect(flags(text)).toBe(false));
});

describe('health: codes and patterns', () => {
  it('ICD-10-GM codes with diagnosis context', () => {
    expect(spans('Diagnosen lt. Entlassbrief: E11.9, I10.00, F33.1 G')).toEqual(expect.arrayContaining(['E11.9', 'I10.00', 'F33.1 G']));
    expect(spans('Dx F43.1, Traumatherapie ab Juli')).toContain('F43.1');
  });
  it('a letter+digits code without context is not a diagnosis', () => {
    expect(flags('Gate A12, Boarding 10:40')).toBe(false);
    expect(flags('Raum B10 ist frei')).toBe(false);
    expect(flags('E10 tanken ist billiger')).toBe(false);
  });
  it('care level, GdB, pregnancy week, lab values', () => {
    expect(spans('Frau Hahn hat Pflegegrad 3')).toContain('Pflegegrad 3');
    expect(spans('GdB 60 ist bewilligt für ihn')).toContain('GdB 60');
    expect(spans('sie ist in der 22. SSW')).toContain('22. SSW');
    expect(flags('sein Blutzucker lag heute bei 280')).toBe(true);
    expect(flags('his glucose was 320 at lunch')).toBe(true);
  });
  it('medications: INN names, brands, INN stems, with a dose or a person', () => {
    expect(spans('Klient nimmt Sertralin 50 mg')).toContain('Sertralin');
    expect(spans('er bekommt jetzt Candesartan')).toContain('Candesartan');
    expect(spans('she is on sertraline now')).toContain('sertraline');
    expect(spans('seine Mutter nimmt Marcumar')).toContain('Marcumar');
    expect(flags('Die Apotheke hat Ibuprofen nicht vorrätig.')).toBe(false);
  });
  it('injuries written as a verb phrase', () => {
    expect(flags('He broke his wrist skiing.')).toBe(true);
    expect(flags('hab mir das Handgelenk gebrochen')).toBe(true);
  });
});

describe('health: general, statistical and institutional frames are not health', () => {
  it.each([
    'Vortrag über Diabetes-Prävention am Freitag im Saal',
    'Für den Jahresbericht: 38 % unserer Klient*innen haben eine psychische Erkrankung',
    'Neue Broschüre zu Essstörungen liegt im Wartebereich aus',
    'Schulung Insulinpens für alle Pflegekräfte am Montag',
    'Liste der Reha-Kliniken in der Region ist aktualisiert',
    'Das Gesundheitsamt kommt zur Hygienebegehung.',
    'Die Apotheke am Markt hat heute zu.',
    'Wer hat die Vorlage für die Krankenkassenbescheinigung?',
    'Rechnung für den Rollator im Gemeinschaftsraum ist bezahlt.',
    'Der Defibrillator im EG wurde gewartet.',
    'Kopfschmerztabletten sind im Erste-Hilfe-Schrank.',
    'Meine Mutter arbeitet im Krankenhaus als Pflegerin.',
    'Movie night: "Still Alice" – the one about Alzheimer\'s',
    'The documentary about the Great Depression was great.',
    'Mental health day for everyone on Friday, no meetings',
    'Masks are required for visitors in the dementia unit.',
    'Webinar on supporting colleagues with anxiety, Thursday 2pm',
    'meet you at the bus stop in front of the hospital',
    'My cat has diabetes lol, vet bills are insane',
    'Tag der offenen Tür in der Psychiatrie am Samstag',
  ])('%s', (text) => expect(flags(text)).toBe(false));
});

describe('health: slang and idioms are not health', () => {
  it.each([
    'krank viel zu tun heute 😵',
    'das ist ja krank 😂 wer hat die Torte bestellt',
    'ich lach mich tot',
    'das macht mich wahnsinnig',
    'das macht mir echt Kopfschmerzen mit dem Budget',
    'Ich bin allergisch gegen Montage 😅',
    'Hals- und Beinbruch für die Prüfung!',
    "I'm sick of this printer",
    'this bug is giving me a headache',
    "I'm dying to see the new movie",
    'this heat is killing me',
    'the deadline is giving me anxiety',
    'I nearly had a heart attack when I saw the invoice',
    "I'm addicted to this podcast",
    'sick goal last night 🔥',
  ])('%s', (text) => expect(flags(text)).toBe(false));
});

describe('health: absence without a reason is not health', () => {
  it.each([
    'bin heute krank, komme nicht',
    'Meine AU für nächste Woche hab ich hochgeladen',
    'Frau Meyer ist krankgemeldet, bitte Termine absagen',
    'arzttermin um 10, bin danach im büro',
    'hab morgen nen Termin beim Hausarzt',
    "I'm off sick today, sorry",
    "I have a doctor's appointment at 10",
  ])('%s', (text) => expect(flags(text)).toBe(false));

  it.each(['AU bis Freitag, Bandscheibenvorfall', 'bin krank, hab Fieber', 'off sick with a chest infection'])('a reason makes it health: %s', (text) =>
    expect(flags(text)).toBe(true),
  );
});

describe('health: spans and explanations', () => {
  it('marks the health expressions at exact offsets', () => {
    const text = 'AU bis freitag, bandscheibenvorfall L4/L5 😖 hab schmerzen ohne ende';
    const fs = raw(text).filter((f) => f.score >= 0.5);
    for (const f of fs) expect(text.slice(f.start, f.end)).toBe(f.text);
    expect(fs.map((f) => f.text)).toEqual(['bandscheibenvorfall L4/L5', 'schmerzen']);
    expect(fs[0]!.start).toBe(text.indexOf('bandscheibenvorfall'));
  });

  it('offsets stay right after emoji and umlauts', () => {
    const text = '😀😀 Frau Öztürk hat Schilddrüsenüberfunktion 😀';
    const f = raw(text).find((x) => x.text === 'Schilddrüsenüberfunktion');
    expect(f).toBeDefined();
    expect(f!.start).toBe(text.indexOf('Schilddrüsenüberfunktion'));
    expect(f!.end).toBe(f!.start + 'Schilddrüsenüberfunktion'.length);
  });

  it('explains rule, pattern and the person reference', () => {
    const [f] = raw('mein Sohn hat Masern');
    expect(f).toBeDefined();
    expect(f!.rule).toBe('health.lexicon.diagnosis');
    expect(f!.explanation.pattern).toBe('lexicon:diagnosis:masern');
    expect(f!.explanation.context?.join(' ')).toMatch(/person reference: pronoun 'mein sohn'/);
    expect(f!.score).toBeGreaterThanOrEqual(0.6);
  });

  it('uses compound, ICD and medication rule ids', () => {
    expect(raw('meine Tochter hat eine Kniegelenksentzündung')[0]?.rule).toBe('health.compound');
    expect(raw('Diagnose F32.1 laut Arztbrief').find((f) => f.text === 'F32.1')?.rule).toBe('health.icd10');
    expect(raw('er nimmt Quetiapin 25 mg')[0]?.rule).toBe('health.medication');
    expect(raw('er nimmt Trandolapril')[0]?.rule).toBe('health.medication.stem');
  });

  it('scores a term in a general frame below the threshold', () => {
    const [f] = raw('Vortrag: Depression am Arbeitsplatz');
    expect(f === undefined || f.score < 0.3).toBe(true);
  });

  it('stays below 0.3 without a person, so the engine\'s +0.2 person boost cannot carry a general mention over 0.5', () => {
    for (const f of raw('Infoabend Demenz im Gemeindesaal, Anmeldung im Intranet')) expect(f.score).toBeLessThan(0.3);
  });
});

describe('health: prefilter', () => {
  it('is false on harmless chat lines', () => {
    for (const t of ['ok bis gleich', 'wer kommt mit zum Mittag?', 'Meeting verschoben auf 15 Uhr', 'can you send me the file']) {
      expect(healthRecognizer.prefilter(buildContext(t, policy))).toBe(false);
    }
  });
  it('is true when a term, a head or a code occurs', () => {
    for (const t of ['Kniegelenksentzündung', 'F32.1', 'Pflegegrad 2', 'sertraline', 'he broke his arm']) {
      expect(healthRecognizer.prefilter(buildContext(t, policy))).toBe(true);
    }
  });
});
