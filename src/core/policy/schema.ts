// The single source of truth for the admin policy. From this tree come:
//  - the Chrome `managed_schema` (public/managed_schema.json, via managedSchema()),
//  - the validation in parsePolicy (types, enums, bounds, limits, unknown keys),
//  - the precedence rules in mergePolicies (each node's `merge`),
//  - the admin templates (ADMX/ADML, .reg, …) and the key tables in docs/admin (scripts/admin-templates.ts).
// Chrome's schema format is a subset of JSON Schema; managedSchema() emits only the attributes Chrome's
// policy schema parser knows (components/policy/core/common/schema.cc), everything else stays here.
import { DETECTOR_TYPES, type Action, type DetectorType } from '../types.js';
import type { Fallback, PhraseCode, ProblemCode } from './problems.js';

export interface L10n {
  en: string;
  de: string;
}

/**
 * How a user's own option combines with the organisation's policy (see merge.ts):
 * - stricter: the organisation's value is read-only when set; otherwise the user may only move along
 *   `order` (loosest first) towards the strict end, never below the default.
 * - union: the organisation's entries stay, the user may add entries.
 * - org: a managed policy decides alone (the user's value is ignored whenever a managed policy exists).
 * - free: read-only when the organisation sets it, otherwise the user's choice.
 * - admin: only the managed policy sets it; users cannot.
 */
export type MergeRule =
  | { kind: 'stricter'; order: readonly (string | boolean)[] }
  | { kind: 'union' }
  | { kind: 'org' }
  | { kind: 'free' }
  | { kind: 'admin' };

/** Semantic checks beyond the schema, implemented in policy.ts. */
export type CheckName = 'https-url' | 'custom-rules' | 'client-hashes';

interface NodeBase {
  title: L10n;
  description: L10n;
  merge?: MergeRule;
  /** What happens when the value is invalid, when the generic wording does not fit (problems.ts). */
  fallback?: Fallback;
  check?: CheckName;
}

export interface StringNode extends NodeBase {
  type: 'string';
  enum?: readonly string[];
  enumLabels?: Readonly<Record<string, L10n>>;
  default?: string;
  minLength?: number;
  maxLength: number;
  /** RE2/JS-compatible pattern (Chrome checks it with RE2, parsePolicy with RegExp). Keep it simple. */
  pattern?: string;
  /** The pattern in plain words, for problem messages (a phrase of problems.ts). */
  patternHint?: PhraseCode;
}

export interface IntegerNode extends NodeBase {
  type: 'integer';
  minimum: number;
  maximum: number;
  default: number;
}

export interface BooleanNode extends NodeBase {
  type: 'boolean';
  default: boolean;
}

export interface ArrayNode extends NodeBase {
  type: 'array';
  items: SchemaNode;
  maxItems: number;
}

export interface ObjectNode extends NodeBase {
  type: 'object';
  properties: Readonly<Record<string, SchemaNode>>;
  /** Keys an entry must have (only for list items: the entry is dropped without them). */
  required?: readonly string[];
  /** The problem reported for an unknown key (default: "unknown-sub-setting", naming the parent). */
  unknownKey?: Extract<ProblemCode, 'unknown-setting' | 'unknown-detector' | 'unknown-site'>;
}

export type SchemaNode = StringNode | IntegerNode | BooleanNode | ArrayNode | ObjectNode;

const t = (en: string, de: string): L10n => ({ en, de });

export const DEFAULT_ACTIONS: Readonly<Record<DetectorType, Action>> = {
  iban: 'warn',
  health: 'warn',
  client_name: 'block',
  credit_card: 'block',
  de_tax_id: 'warn',
  de_kvnr: 'warn',
  email: 'allow',
  phone: 'allow',
  person_name: 'allow',
  // Custom rules carry their own action; this is the one for rules that leave it out.
  custom: 'warn',
};

/** Limits that keep a policy from slowing down the send path. Documented in the schema texts. */
export const LIMITS = {
  clients: 20000,
  nameLength: 200,
  allowlist: 20000,
  clientHashes: 40000,
  customRules: 200,
  patternLength: 1000,
  /**
   * re2js program size (≈ instructions; a{1000} is about 1000). A 5000-size program on 2000 adversarial
   * characters took ~190 ms cold, <1 ms warm; typical rules are below 100.
   */
  programSize: 5000,
  programSizeTotal: 50000,
  wordsPerRule: 2000,
  wordsTotal: 20000,
  wordLength: 100,
  messageLength: 500,
  justificationChoices: 20,
  /** More problems than this are summarised in one last entry. */
  problems: 200,
} as const;

export const SITE_IDS = ['whatsapp', 'teams'] as const;
export type SiteId = (typeof SITE_IDS)[number];

export const MODES = ['enforce', 'monitor', 'training'] as const;
export type Mode = (typeof MODES)[number];

const ACTION_LABELS = {
  allow: t('allow (do nothing)', 'allow (nichts tun)'),
  warn: t('warn', 'warnen'),
  block: t('block', 'blockieren'),
};

const ACTION_TEXT = t(
  'allow: do nothing. warn: show a warning; the user can edit the message or, if override.allowed is true, send it anyway. block: the message cannot be sent until the finding is removed.',
  'allow: nichts tun. warn: Warnung anzeigen; die Person kann die Nachricht ändern oder, wenn override.allowed true ist, trotzdem senden. block: Die Nachricht kann erst gesendet werden, wenn der Fund entfernt ist.',
);

export const DETECTOR_LABELS: Readonly<Record<DetectorType, L10n>> = {
  health: t('Health data (GDPR Art. 9)', 'Gesundheitsdaten (Art. 9 DSGVO)'),
  iban: t('IBAN (bank account)', 'IBAN (Bankverbindung)'),
  client_name: t('Client names', 'Mandanten- und Kundennamen'),
  credit_card: t('Credit card numbers', 'Kreditkartennummern'),
  de_tax_id: t('German tax ID (Steuer-ID)', 'Steuerliche Identifikationsnummer (Steuer-ID)'),
  de_kvnr: t('Health insurance number (KVNR)', 'Krankenversichertennummer (KVNR)'),
  email: t('E-mail addresses', 'E-Mail-Adressen'),
  phone: t('Phone numbers', 'Telefonnummern'),
  person_name: t('Person names', 'Personennamen'),
  custom: t('Custom rules (defaults)', 'Eigene Regeln (Vorgaben)'),
};

function actionNode(type: DetectorType): StringNode {
  return {
    type: 'string',
    title: type === 'custom' ? t('Action of custom rules without their own', 'Aktion eigener Regeln ohne eigene Aktion') : t('Action', 'Aktion'),
    description: ACTION_TEXT,
    enum: ['allow', 'warn', 'block'],
    enumLabels: ACTION_LABELS,
    default: DEFAULT_ACTIONS[type],
    maxLength: 10,
    merge: { kind: 'stricter', order: ['allow', 'warn', 'block'] },
  };
}

const SENSITIVITY: StringNode = {
  type: 'string',
  title: t('Sensitivity', 'Empfindlichkeit'),
  description: t(
    'How sure SendGuard must be before it reports a finding: low = only clear findings (fewest false alarms), medium = the default, high = weaker signals too (more findings, more false alarms).',
    'Wie sicher SendGuard sein muss, bevor ein Fund gemeldet wird: low = nur eindeutige Funde (wenigste Fehlalarme), medium = Standard, high = auch schwächere Hinweise (mehr Funde, mehr Fehlalarme).',
  ),
  enum: ['low', 'medium', 'high'],
  enumLabels: { low: t('low', 'niedrig'), medium: t('medium', 'mittel'), high: t('high', 'hoch') },
  default: 'medium',
  maxLength: 10,
  merge: { kind: 'stricter', order: ['low', 'medium', 'high'] },
};

function detectorNode(type: DetectorType): ObjectNode {
  return {
    type: 'object',
    title: DETECTOR_LABELS[type],
    description:
      type === 'custom'
        ? t(
            'Action for custom rules that do not set their own action, and the sensitivity for all custom rules.',
            'Aktion für eigene Regeln, die keine eigene Aktion angeben, und die Empfindlichkeit aller eigenen Regeln.',
          )
        : t(
            `What happens when SendGuard finds: ${DETECTOR_LABELS[type].en} ("${type}"). Default action: ${DEFAULT_ACTIONS[type]}.`,
            `Was passiert, wenn SendGuard folgendes findet: ${DETECTOR_LABELS[type].de} („${type}“). Standardaktion: ${DEFAULT_ACTIONS[type]}.`,
          ),
    properties: { action: actionNode(type), sensitivity: SENSITIVITY },
    fallback: { code: 'default-action', params: { value: DEFAULT_ACTIONS[type] } },
  };
}

function textNode(title: L10n, description: L10n, maxLength: number): StringNode {
  return { type: 'string', title, description, maxLength };
}

function enabledNode(title: L10n, description: L10n, merge: MergeRule): ObjectNode {
  return {
    type: 'object',
    title,
    description,
    properties: {
      enabled: { type: 'boolean', title: t('Enabled', 'Aktiviert'), description, default: true, merge },
    },
  };
}

const messageNode: ObjectNode = {
  type: 'object',
  title: t('Message', 'Meldung'),
  description: t(
    'Explanation shown to the user when this rule matches, in German (de) and English (en). Without one, a generic text names the rule.',
    'Erklärung, die angezeigt wird, wenn diese Regel anschlägt, auf Deutsch (de) und Englisch (en). Ohne sie nennt ein allgemeiner Text die Regel.',
  ),
  properties: {
    de: textNode(t('German', 'Deutsch'), t('Message in German.', 'Meldung auf Deutsch.'), LIMITS.messageLength),
    en: textNode(t('English', 'Englisch'), t('Message in English.', 'Meldung auf Englisch.'), LIMITS.messageLength),
  },
};

const customRuleNode: ObjectNode = {
  type: 'object',
  title: t('Custom rule', 'Eigene Regel'),
  description: t('One custom rule.', 'Eine eigene Regel.'),
  required: ['id'],
  properties: {
    id: {
      type: 'string',
      title: t('Rule id', 'Regel-ID'),
      description: t(
        'Unique id: letters, digits, "_", "." or "-", up to 64 characters. Findings and audit entries name the rule custom.<id>.',
        'Eindeutige ID: Buchstaben, Ziffern, „_“, „.“ oder „-“, bis zu 64 Zeichen. Funde und Audit-Einträge nennen die Regel custom.<id>.',
      ),
      minLength: 1,
      maxLength: 64,
      pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$',
      patternHint: 'hint-rule-id',
    },
    kind: {
      type: 'string',
      title: t('Kind', 'Art'),
      description: t(
        'regex: "pattern" is an RE2 regular expression. words: "words" is a list of words or phrases matched as whole words. Left out: follows from whether "pattern" or "words" is given.',
        'regex: „pattern“ ist ein regulärer Ausdruck (RE2). words: „words“ ist eine Liste von Wörtern oder Wortgruppen, die als ganze Wörter gesucht werden. Fehlt die Angabe, ergibt sie sich daraus, ob „pattern“ oder „words“ angegeben ist.',
      ),
      enum: ['regex', 'words'],
      enumLabels: { regex: t('regular expression', 'regulärer Ausdruck'), words: t('word list', 'Wortliste') },
      maxLength: 10,
    },
    pattern: {
      type: 'string',
      title: t('Pattern (RE2)', 'Muster (RE2)'),
      description: t(
        `RE2 regular expression for kind "regex", at most ${LIMITS.patternLength} characters. RE2 runs in linear time, so no pattern can freeze a chat; it has no look-around and no back-references. \\b only knows ASCII letters: for words with umlauts use a word list.`,
        `Regulärer Ausdruck (RE2) für die Art „regex“, höchstens ${LIMITS.patternLength} Zeichen. RE2 läuft in linearer Zeit, kein Muster kann einen Chat einfrieren; es kennt keine Look-arounds und keine Rückverweise. \\b kennt nur ASCII-Buchstaben: für Wörter mit Umlauten eine Wortliste verwenden.`,
      ),
      minLength: 1,
      maxLength: LIMITS.patternLength,
    },
    words: {
      type: 'array',
      title: t('Words', 'Wörter'),
      description: t(
        `Words or phrases for kind "words", matched as whole words; at most ${LIMITS.wordsPerRule} per rule and ${LIMITS.wordsTotal} in all rules together, each up to ${LIMITS.wordLength} characters.`,
        `Wörter oder Wortgruppen für die Art „words“, gesucht als ganze Wörter; höchstens ${LIMITS.wordsPerRule} je Regel und ${LIMITS.wordsTotal} in allen Regeln zusammen, je bis zu ${LIMITS.wordLength} Zeichen.`,
      ),
      maxItems: LIMITS.wordsPerRule,
      items: textNode(t('Word or phrase', 'Wort oder Wortgruppe'), t('One word or phrase.', 'Ein Wort oder eine Wortgruppe.'), LIMITS.wordLength),
    },
    caseInsensitive: {
      type: 'boolean',
      title: t('Ignore case', 'Groß-/Kleinschreibung ignorieren'),
      description: t('When true (default), "falke" also matches "Falke" and "FALKE".', 'Bei true (Standard) findet „falke“ auch „Falke“ und „FALKE“.'),
      default: true,
    },
    action: {
      type: 'string',
      title: t('Action', 'Aktion'),
      description: t(`${ACTION_TEXT.en} Left out: detectors.custom.action.`, `${ACTION_TEXT.de} Fehlt sie: detectors.custom.action.`),
      enum: ['allow', 'warn', 'block'],
      enumLabels: ACTION_LABELS,
      maxLength: 10,
      fallback: { code: 'custom-default-action' },
    },
    message: messageNode,
  },
};

const httpsUrl = (title: L10n, description: L10n, fallback: Fallback): StringNode => ({
  type: 'string',
  title,
  description,
  maxLength: 500,
  // Empty is allowed (an ADMX text box left empty writes ""): it means "not set".
  pattern: '^(https://|$)',
  patternHint: 'hint-https-url',
  check: 'https-url',
  fallback,
});

const localizedTexts = (lang: 'de' | 'en'): ObjectNode => ({
  type: 'object',
  title: lang === 'de' ? t('German texts', 'Deutsche Texte') : t('English texts', 'Englische Texte'),
  description: lang === 'de'
    ? t('Texts shown to users whose browser language is German.', 'Texte für Personen mit deutscher Browsersprache.')
    : t('Texts shown to users whose browser language is not German.', 'Texte für Personen, deren Browsersprache nicht Deutsch ist.'),
  properties: {
    title: textNode(t('Warning title', 'Titel der Warnung'), t('Replaces the title of the warning dialog, e.g. "Please check before sending".', 'Ersetzt den Titel des Warndialogs, z. B. „Bitte vor dem Senden prüfen“.'), 100),
    body: textNode(t('Warning text', 'Text der Warnung'), t('An extra paragraph in the warning dialog, e.g. who to ask.', 'Ein zusätzlicher Absatz im Warndialog, z. B. wen man fragen kann.'), 1000),
  },
});

/** The policy, as the tree every artefact is generated from. Property order = documentation order. */
export const POLICY_SCHEMA: ObjectNode = {
  type: 'object',
  title: t('SendGuard policy', 'SendGuard-Richtlinie'),
  description: t(
    'Settings your organisation sets for SendGuard. Every key is optional; left-out keys keep their defaults.',
    'Einstellungen, die Ihre Organisation für SendGuard festlegt. Jeder Schlüssel ist optional; weggelassene behalten ihre Standardwerte.',
  ),
  unknownKey: 'unknown-setting',
  properties: {
    version: {
      type: 'string',
      title: t('Policy version', 'Richtlinienversion'),
      description: t(
        'Free text naming this policy, e.g. "2026-11-a". Shown in the SendGuard popup so you can tell which policy a computer uses.',
        'Freitext, der diese Richtlinie benennt, z. B. „2026-11-a“. Wird im SendGuard-Popup angezeigt, damit erkennbar ist, welche Richtlinie ein Rechner verwendet.',
      ),
      maxLength: 100,
      merge: { kind: 'admin' },
    },
    mode: {
      type: 'string',
      title: t('Mode', 'Modus'),
      description: t(
        'enforce: warn and block as configured. monitor: never interrupt anyone, only record what would have happened. training: explain findings but never block (a block becomes a warning that can always be sent anyway).',
        'enforce (durchsetzen): warnt und blockiert wie konfiguriert. monitor (beobachten): unterbricht nie, zeichnet nur auf, was passiert wäre. training (Schulung): erklärt Funde, blockiert aber nie (eine Blockierung wird zur Warnung, die immer trotzdem gesendet werden kann).',
      ),
      enum: MODES,
      enumLabels: { enforce: t('enforce', 'durchsetzen'), monitor: t('monitor (never interrupt)', 'beobachten (nie unterbrechen)'), training: t('training (never block)', 'Schulung (nie blockieren)') },
      default: 'enforce',
      maxLength: 10,
      merge: { kind: 'stricter', order: ['monitor', 'training', 'enforce'] },
    },
    detectors: {
      type: 'object',
      title: t('Detectors', 'Erkennungen'),
      description: t(
        'Action and sensitivity per kind of sensitive data. Kinds you leave out keep their defaults.',
        'Aktion und Empfindlichkeit je Art sensibler Daten. Weggelassene Arten behalten ihre Standardwerte.',
      ),
      unknownKey: 'unknown-detector',
      properties: Object.fromEntries(DETECTOR_TYPES.map((d) => [d, detectorNode(d)])),
    },
    clients: {
      type: 'array',
      title: t('Client names', 'Mandanten- und Kundennamen'),
      description: t(
        `Names of clients (people or companies); a message that mentions one is flagged as "client_name". At most ${LIMITS.clients} names of up to ${LIMITS.nameLength} characters. The list is readable on every computer's chrome://policy page: use clientHashes to avoid that.`,
        `Namen von Mandanten oder Kunden (Personen oder Firmen); eine Nachricht, die einen nennt, wird als „client_name“ gemeldet. Höchstens ${LIMITS.clients} Namen mit bis zu ${LIMITS.nameLength} Zeichen. Die Liste ist auf jedem Rechner unter chrome://policy lesbar: dafür gibt es clientHashes.`,
      ),
      maxItems: LIMITS.clients,
      items: { type: 'string', title: t('Name', 'Name'), description: t('A client name, e.g. "Anna Müller" or "Bäckerei Schmidt GmbH".', 'Ein Name, z. B. „Anna Müller“ oder „Bäckerei Schmidt GmbH“.'), minLength: 1, maxLength: LIMITS.nameLength },
      merge: { kind: 'union' },
    },
    clientHashes: {
      type: 'object',
      title: t('Hashed client names', 'Gehashte Mandantennamen'),
      description: t(
        'Salted SHA-256 hashes of normalised client names, made with `sendguard clients hash --salt SALT clients.txt`. Use instead of (or next to) "clients" so the names are not readable on chrome://policy. Anyone who has the policy can still test guesses: this hides the list from casual view, it is not encryption.',
        'Gesalzene SHA-256-Hashes normalisierter Namen, erzeugt mit `sendguard clients hash --salt SALT clients.txt`. Statt (oder neben) „clients“ verwenden, damit die Namen unter chrome://policy nicht lesbar sind. Wer die Richtlinie hat, kann dennoch Namen durchprobieren: Das verbirgt die Liste vor flüchtigen Blicken, es ist keine Verschlüsselung.',
      ),
      check: 'client-hashes',
      fallback: { code: 'no-client-hashes' },
      merge: { kind: 'admin' },
      properties: {
        salt: {
          type: 'string',
          title: t('Salt', 'Salt'),
          description: t('The salt given to `sendguard clients hash`: at least 8 characters, random, one per organisation.', 'Der Salt, der `sendguard clients hash` übergeben wurde: mindestens 8 Zeichen, zufällig, einer je Organisation.'),
          minLength: 8,
          maxLength: 200,
        },
        hashes: {
          type: 'array',
          title: t('Hashes', 'Hashes'),
          description: t(
            `Entries "full:<64 hex digits>" (whole name) or "surname:<64 hex digits>" (surname alone), as printed by \`sendguard clients hash\`; at most ${LIMITS.clientHashes}.`,
            `Einträge „full:<64 Hex-Ziffern>“ (ganzer Name) oder „surname:<64 Hex-Ziffern>“ (nur Nachname), wie von \`sendguard clients hash\` ausgegeben; höchstens ${LIMITS.clientHashes}.`,
          ),
          maxItems: LIMITS.clientHashes,
          items: {
            type: 'string',
            title: t('Hash', 'Hash'),
            description: t('"full:" or "surname:" followed by 64 lower-case hex digits.', '„full:“ oder „surname:“, gefolgt von 64 Hex-Ziffern in Kleinschreibung.'),
            maxLength: 80,
            pattern: '^(full:|surname:)?[0-9a-f]{64}$',
            patternHint: 'hint-client-hash',
          },
        },
      },
    },
    customRules: {
      type: 'array',
      title: t('Custom rules', 'Eigene Regeln'),
      description: t(
        `Organisation-specific patterns or word lists (e.g. project code names), each with its own action and message; at most ${LIMITS.customRules}. Patterns use RE2 syntax and run in linear time. A broken rule is disabled and reported; the other rules still apply.`,
        `Organisationseigene Muster oder Wortlisten (z. B. Projektnamen), jeweils mit eigener Aktion und Meldung; höchstens ${LIMITS.customRules}. Muster verwenden RE2-Syntax und laufen in linearer Zeit. Eine fehlerhafte Regel wird abgeschaltet und gemeldet; die übrigen gelten weiter.`,
      ),
      maxItems: LIMITS.customRules,
      items: customRuleNode,
      check: 'custom-rules',
      merge: { kind: 'union' },
    },
    allowlist: {
      type: 'array',
      title: t('Allow-list', 'Positivliste'),
      description: t(
        'Terms that are never flagged, compared case-insensitively with the text of a finding (e.g. your own company\'s IBAN or public contact address).',
        'Begriffe, die nie gemeldet werden; verglichen ohne Beachtung der Groß-/Kleinschreibung mit dem Text eines Funds (z. B. die eigene IBAN oder die öffentliche Kontaktadresse).',
      ),
      maxItems: LIMITS.allowlist,
      items: { type: 'string', title: t('Term', 'Begriff'), description: t('A term that is never flagged.', 'Ein Begriff, der nie gemeldet wird.'), minLength: 1, maxLength: LIMITS.nameLength },
      merge: { kind: 'org' },
    },
    sites: {
      type: 'object',
      title: t('Sites', 'Websites'),
      description: t('Where SendGuard checks messages.', 'Wo SendGuard Nachrichten prüft.'),
      unknownKey: 'unknown-site',
      properties: {
        whatsapp: enabledNode(t('WhatsApp Web', 'WhatsApp Web'), t('Check messages on WhatsApp Web (default true). false: SendGuard does nothing there.', 'Nachrichten in WhatsApp Web prüfen (Standard true). false: SendGuard tut dort nichts.'), { kind: 'stricter', order: [false, true] }),
        teams: enabledNode(t('Microsoft Teams', 'Microsoft Teams'), t('Check messages in Microsoft Teams on the web (default true). false: SendGuard does nothing there.', 'Nachrichten in Microsoft Teams im Browser prüfen (Standard true). false: SendGuard tut dort nichts.'), { kind: 'stricter', order: [false, true] }),
      },
    },
    override: {
      type: 'object',
      title: t('Send anyway', 'Trotzdem senden'),
      description: t('Whether and how a warning may be overridden. A block can never be overridden.', 'Ob und wie eine Warnung übergangen werden darf. Eine Blockierung lässt sich nie übergehen.'),
      properties: {
        allowed: {
          type: 'boolean',
          title: t('Offer "Send anyway" on warnings', '„Trotzdem senden“ bei Warnungen anbieten'),
          description: t(
            'true (default): a warning offers "Send anyway" after the user acknowledges it. false: a warning can only be cancelled or edited. In training mode "Send anyway" is always offered.',
            'true (Standard): Eine Warnung bietet nach Bestätigung „Trotzdem senden“ an. false: Eine Warnung kann nur abgebrochen oder bearbeitet werden. Im Schulungsmodus wird „Trotzdem senden“ immer angeboten.',
          ),
          default: true,
          merge: { kind: 'stricter', order: [true, false] },
        },
        requireJustification: {
          type: 'boolean',
          title: t('Require a justification', 'Begründung verlangen'),
          description: t('true: "Send anyway" needs a short justification (default false).', 'true: „Trotzdem senden“ verlangt eine kurze Begründung (Standard false).'),
          default: false,
          merge: { kind: 'stricter', order: [false, true] },
        },
        justificationChoices: {
          type: 'array',
          title: t('Justification choices', 'Vorgegebene Begründungen'),
          description: t(
            `Reasons to pick from, e.g. "Client asked for it"; a free-text field is always offered too. At most ${LIMITS.justificationChoices}.`,
            `Begründungen zur Auswahl, z. B. „Vom Mandanten gewünscht“; ein Freitextfeld gibt es immer zusätzlich. Höchstens ${LIMITS.justificationChoices}.`,
          ),
          maxItems: LIMITS.justificationChoices,
          items: { type: 'string', title: t('Reason', 'Begründung'), description: t('One reason.', 'Eine Begründung.'), minLength: 1, maxLength: 100 },
          merge: { kind: 'admin' },
        },
      },
    },
    texts: {
      type: 'object',
      title: t('Texts for users', 'Texte für Nutzende'),
      description: t('Your own texts in the warning dialog, in German and English, and a link to your guidance.', 'Eigene Texte im Warndialog, auf Deutsch und Englisch, und ein Link zu Ihren Vorgaben.'),
      merge: { kind: 'admin' },
      properties: {
        de: localizedTexts('de'),
        en: localizedTexts('en'),
        guidanceUrl: httpsUrl(
          t('Link to your guidance', 'Link zu Ihren Vorgaben'),
          t('https:// link to your organisation\'s data-protection guidance, shown in warnings. Other schemes are rejected.', 'https://-Link zu den Datenschutzvorgaben Ihrer Organisation, in Warnungen angezeigt. Andere Schemata werden abgelehnt.'),
          { code: 'no-guidance-link' },
        ),
      },
    },
    onError: {
      type: 'string',
      title: t('If checking fails', 'Wenn die Prüfung fehlschlägt'),
      description: t(
        'What happens when checking a message fails unexpectedly: block (default) or warn. "allow" is not possible: a failure must never let a message through unchecked.',
        'Was passiert, wenn die Prüfung einer Nachricht unerwartet fehlschlägt: block (Standard) oder warn. „allow“ ist nicht möglich: Ein Fehler darf nie eine ungeprüfte Nachricht durchlassen.',
      ),
      enum: ['block', 'warn'],
      enumLabels: { block: ACTION_LABELS.block, warn: ACTION_LABELS.warn },
      default: 'block',
      maxLength: 10,
      merge: { kind: 'stricter', order: ['warn', 'block'] },
    },
    ocrFailure: {
      type: 'string',
      title: t('If text in an image cannot be read', 'Wenn Text in einem Bild nicht lesbar ist'),
      description: t(
        'What happens when the text of an attached image cannot be read (text recognition fails or takes too long): warn (default), block or allow.',
        'Was passiert, wenn der Text eines angehängten Bildes nicht gelesen werden kann (Texterkennung schlägt fehl oder dauert zu lange): warn (Standard), block oder allow.',
      ),
      enum: ['allow', 'warn', 'block'],
      enumLabels: ACTION_LABELS,
      default: 'warn',
      maxLength: 10,
      merge: { kind: 'stricter', order: ['allow', 'warn', 'block'] },
    },
    hints: {
      type: 'object',
      title: t('Live hints', 'Live-Hinweise'),
      description: t('Hints while typing, before Send is pressed.', 'Hinweise schon beim Tippen, bevor auf Senden gedrückt wird.'),
      properties: {
        enabled: { type: 'boolean', title: t('Show live hints', 'Live-Hinweise anzeigen'), description: t('Show hints while typing (default true).', 'Hinweise beim Tippen anzeigen (Standard true).'), default: true, merge: { kind: 'free' } },
      },
    },
    audit: {
      type: 'object',
      title: t('Audit log', 'Audit-Protokoll'),
      description: t(
        'The local log of warnings, blocks and overrides. It never contains message text.',
        'Das lokale Protokoll von Warnungen, Blockierungen und Übergehungen. Es enthält nie Nachrichtentext.',
      ),
      merge: { kind: 'org' },
      properties: {
        retentionDays: {
          type: 'integer',
          title: t('Keep entries (days)', 'Aufbewahrung (Tage)'),
          description: t('Entries older than this are deleted: 1 to 3650 days, default 90.', 'Ältere Einträge werden gelöscht: 1 bis 3650 Tage, Standard 90.'),
          minimum: 1,
          maximum: 3650,
          default: 90,
        },
        endpoint: httpsUrl(
          t('Upload address', 'Upload-Adresse'),
          t('Optional https:// address that receives the entries. Empty: entries stay on the computer.', 'Optionale https://-Adresse, die die Einträge empfängt. Leer: Die Einträge bleiben auf dem Rechner.'),
          { code: 'entries-stay-local' },
        ),
        batchSize: {
          type: 'integer',
          title: t('Upload batch size', 'Upload-Paketgröße'),
          description: t('Entries sent per upload: 1 to 1000, default 50.', 'Einträge je Upload: 1 bis 1000, Standard 50.'),
          minimum: 1,
          maximum: 1000,
          default: 50,
        },
      },
    },
  },
};

/** Leaves and units of the schema with their dotted paths, in documentation order. */
export function walkSchema(
  visit: (path: string, node: SchemaNode, depth: number) => void | 'skip',
  node: SchemaNode = POLICY_SCHEMA,
  path = '',
  depth = 0,
): void {
  if (path && visit(path, node, depth) === 'skip') return;
  if (node.type === 'object') {
    for (const [k, child] of Object.entries(node.properties)) walkSchema(visit, child, path ? `${path}.${k}` : k, depth + 1);
  } else if (node.type === 'array' && node.items.type === 'object') {
    walkSchema(visit, node.items, `${path}[]`, depth + 1);
  }
}

/** The node at a dotted path ("detectors.iban.action", "customRules[].id"), or undefined. */
export function schemaNodeAt(path: string): SchemaNode | undefined {
  let node: SchemaNode | undefined = POLICY_SCHEMA;
  for (const part of path.split('.')) {
    if (!node) return undefined;
    const isItem = part.endsWith('[]');
    const key = isItem ? part.slice(0, -2) : part;
    if (node.type !== 'object') return undefined;
    node = node.properties[key];
    if (isItem) node = node?.type === 'array' ? node.items : undefined;
  }
  return node;
}

type ChromeSchema = Record<string, unknown>;

/**
 * The managed_schema Chrome and Edge load (storage.managed_schema). Only attributes Chrome's policy
 * schema knows: type, title, description, properties, items, enum, minimum, maximum, pattern, required
 * is left out on purpose (Chrome would drop a whole rule for one missing key; parsePolicy reports it).
 */
export function managedSchema(): ChromeSchema {
  const convert = (node: SchemaNode, lang: 'en'): ChromeSchema => {
    const out: ChromeSchema = { type: node.type, title: node.title[lang], description: node.description[lang] };
    switch (node.type) {
      case 'string':
        if (node.enum) out['enum'] = [...node.enum];
        if (node.pattern) out['pattern'] = node.pattern;
        break;
      case 'integer':
        out['minimum'] = node.minimum;
        out['maximum'] = node.maximum;
        break;
      case 'array':
        out['items'] = convert(node.items, lang);
        break;
      case 'object':
        out['properties'] = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, convert(v, lang)]));
        break;
      case 'boolean':
        break;
    }
    return out;
  };
  return convert(POLICY_SCHEMA, 'en');
}

/** The committed public/managed_schema.json, byte for byte. */
export function managedSchemaJson(): string {
  return JSON.stringify(managedSchema(), null, 2) + '\n';
}
