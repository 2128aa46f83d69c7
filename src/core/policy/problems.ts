// Policy problems in German and English (issue 4). The parser (policy.ts, custom-rules.ts) and the
// precedence rules (merge.ts) describe each problem by a stable code with parameters; the texts come
// from the catalogues below, so the popup and options page can show them in the UI language and
// `sendguard policy check --lang de|en` in the admin's. Every code has both texts with the same
// placeholders (test/unit/policy-problems.test.ts checks it).
//
// Templates: "{name}" is replaced by params.name. A parameter is text or a number (shown as is), a
// list of values (shown quoted, joined with "or"/"oder") or a phrase: a reference into PHRASES with
// its own parameters, rendered in the same language (e.g. "a list" / "eine Liste").
//
// JSON keys and values an admin types are quoted with straight quotes in both languages ("block"),
// so they can be copied into a policy file as they are.

export type ProblemLang = 'en' | 'de';

interface Texts {
  readonly en: string;
  readonly de: string;
}

const t = (en: string, de: string): Texts => ({ en, de });

/** Parts of messages that depend on the language: value descriptions, type words, hints. */
export const PHRASES = {
  // What was found instead ("got …").
  'a-list': t('a list', 'eine Liste'),
  'an-object': t('an object', 'ein Objekt'),
  number: t('number {value}', 'die Zahl {value}'),
  boolean: t('boolean {value}', 'der Wahrheitswert {value}'),
  other: t('{type} {value}', '{type} {value}'),
  // What was expected ("must be …").
  text: t('text', 'Text'),
  'whole-number': t('a whole number from {min} to {max}', 'eine ganze Zahl von {min} bis {max}'),
  'true-or-false': t('true or false', 'true oder false'),
  'list-of-texts': t('a list of texts', 'eine Liste von Texten'),
  'list-of-objects': t('a list of objects', 'eine Liste von Objekten'),
  'object-like': t('an object like {example}', 'ein Objekt wie {example}'),
  'text-matching': t('text matching {pattern}', 'Text, der auf {pattern} passt'),
  'hint-rule-id': t('letters, digits, "_", "." or "-", starting with a letter or digit', 'Buchstaben, Ziffern, "_", "." oder "-", beginnend mit einem Buchstaben oder einer Ziffer'),
  'hint-https-url': t('an https:// address', 'eine https://-Adresse'),
  'hint-client-hash': t('"full:" or "surname:" followed by 64 lower-case hex digits', '"full:" oder "surname:", gefolgt von 64 Hex-Ziffern in Kleinschreibung'),
  // Unknown keys.
  'did-you-mean': t(' (did you mean "{key}"?)', ' (meinten Sie "{key}"?)'),
  'known-keys': t(' (known: {keys})', ' (bekannt: {keys})'),
  // Regular-expression constructs RE2 does not have.
  'look-behind': t('uses look-behind "(?<=…)" or "(?<!…)"', 'verwendet Look-behind "(?<=…)" oder "(?<!…)"'),
  'look-ahead': t('uses look-ahead "(?=…)" or "(?!…)"', 'verwendet Look-ahead "(?=…)" oder "(?!…)"'),
  'atomic-group': t('uses an atomic group "(?>…)"', 'verwendet eine atomare Gruppe "(?>…)"'),
  'back-reference': t('uses a back-reference like "\\1"', 'verwendet einen Rückverweis wie "\\1"'),
  'named-back-reference': t('uses a named back-reference "\\k<…>"', 'verwendet einen benannten Rückverweis "\\k<…>"'),
  // Glue.
  or: t('or', 'oder'),
  'whole-policy': t('(policy)', '(Richtlinie)'),
} as const satisfies Record<string, Texts>;

/** What is wrong. */
export const PROBLEM_MESSAGES = {
  'policy-not-object': t('the policy must be a JSON object, got {got}', 'die Richtlinie muss ein JSON-Objekt sein, ist aber {got}'),
  'policy-unreadable': t('could not be read ({reason})', 'konnte nicht gelesen werden ({reason})'),
  'more-problems': t('{count} more problems are not listed', '{count} weitere Probleme sind nicht aufgeführt'),
  'invalid-type': t('must be {expected}, got {got}', 'muss {expected} sein, ist aber {got}'),
  'not-allowed': t('must be {allowed}, got {got}', 'muss {allowed} sein, ist aber {got}'),
  'pattern-mismatch': t('must be {expected}, got {got}', 'muss {expected} sein, ist aber {got}'),
  'too-long': t('is {length} characters long, more than the supported {max}', 'ist {length} Zeichen lang, mehr als die unterstützten {max}'),
  empty: t('must not be empty', 'darf nicht leer sein'),
  'too-short': t('must be at least {min} characters long, got {length}', 'muss mindestens {min} Zeichen lang sein, hat aber {length}'),
  'not-https-url': t(
    'must be a complete https:// address without user name or password, got {got}',
    'muss eine vollständige https://-Adresse ohne Benutzername und Passwort sein, ist aber {got}',
  ),
  'entry-empty': t('is empty', 'ist leer'),
  'too-many-entries': t('has {count} entries, more than the supported {max}', 'hat {count} Einträge, mehr als die unterstützten {max}'),
  'unknown-setting': t('is not a known policy setting{suggestion}{known}', 'ist keine bekannte Richtlinien-Einstellung{suggestion}{known}'),
  'unknown-sub-setting': t('is not a known setting of {parent}{suggestion}{known}', 'ist keine bekannte Einstellung von {parent}{suggestion}{known}'),
  'unknown-detector': t('"{key}" is not a known detector type{suggestion}{known}', '"{key}" ist keine bekannte Erkennungsart{suggestion}{known}'),
  'unknown-site': t('is not a known site{suggestion}{known}', 'ist keine bekannte Website{suggestion}{known}'),
  'salt-missing': t(
    'is missing: the hashes cannot be compared without the salt they were made with',
    'fehlt: Ohne den Salt, mit dem die Hashes erzeugt wurden, lassen sie sich nicht vergleichen',
  ),
  missing: t('is missing', 'fehlt'),
  'rule-id-missing': t('is missing (every rule needs a unique id)', 'fehlt (jede Regel braucht eine eindeutige ID)'),
  'rule-id-duplicate': t('"{id}" is already the id of {first}', '"{id}" ist bereits die ID von {first}'),
  'rule-pattern-and-words': t(
    'has both "pattern" and "words"; set "kind" to "regex" or "words" to say which one applies',
    'hat sowohl "pattern" als auch "words"; "kind" auf "regex" oder "words" setzen, um festzulegen, was gilt',
  ),
  'rule-no-pattern-or-words': t('has neither "pattern" nor "words"', 'hat weder "pattern" noch "words"'),
  'rule-field-unused': t('is not used because "kind" is "{kind}"', 'wird nicht verwendet, weil "kind" "{kind}" ist'),
  'rule-words-total': t(
    'would bring the words of all rules to {count}, more than the supported {max}',
    'brächte die Wörter aller Regeln auf {count}, mehr als die unterstützten {max}',
  ),
  'pattern-total': t(
    'would bring the size of all patterns to {size}, more than the supported {max}; simplify the patterns or use word lists',
    'brächte die Größe aller Muster auf {size}, mehr als die unterstützten {max}; die Muster vereinfachen oder Wortlisten verwenden',
  ),
  'too-many-rules': t('has {count} rules, more than the supported {max}', 'hat {count} Regeln, mehr als die unterstützten {max}'),
  'pattern-empty': t('is missing or empty (a "regex" rule needs a pattern)', 'fehlt oder ist leer (eine "regex"-Regel braucht ein Muster)'),
  'pattern-js-literal': t(
    'looks like a JavaScript regex literal (/…/flags); write only the pattern, and use "caseInsensitive" instead of the i flag',
    'sieht aus wie ein JavaScript-Regex-Literal (/…/Flags); nur das Muster angeben und "caseInsensitive" statt des Flags i verwenden',
  ),
  'pattern-unsupported': t(
    '{construct}, which RE2 does not support (SendGuard uses RE2 so that no pattern can freeze a chat)',
    '{construct}, was RE2 nicht unterstützt (SendGuard verwendet RE2, damit kein Muster einen Chat einfrieren kann)',
  ),
  'pattern-invalid': t('is not a valid RE2 regular expression ({reason})', 'ist kein gültiger regulärer Ausdruck für RE2 ({reason})'),
  'pattern-too-complex': t(
    'is too complex (program size {size}, at most {max}); split it into simpler rules or use a word list',
    'ist zu komplex (Programmgröße {size}, höchstens {max}); in einfachere Regeln aufteilen oder eine Wortliste verwenden',
  ),
  'pattern-matches-empty': t('matches empty text, so it would flag every message', 'passt auf leeren Text und würde damit jede Nachricht melden'),
  'words-empty': t('is missing or empty (a "words" rule needs at least one word)', 'fehlt oder ist leer (eine "words"-Regel braucht mindestens ein Wort)'),
  'word-no-letters': t('"{word}" has no letters or digits', '"{word}" enthält keine Buchstaben oder Ziffern'),
  'rule-compile-failed': t('could not be compiled ({reason})', 'konnte nicht übersetzt werden ({reason})'),
  // Precedence (merge.ts): the user's own options against the organisation's policy.
  'user-rule-id-taken': t('your rule "{id}" has the id of a rule of your organisation', 'Ihre Regel "{id}" hat die ID einer Regel Ihrer Organisation'),
  'user-list-too-long': t(
    'your entries would bring the list to {count}, more than the supported {max}',
    'Ihre Einträge brächten die Liste auf {count}, mehr als die unterstützten {max}',
  ),
  'set-by-org': t('is set by your organisation', 'ist von Ihrer Organisation festgelegt'),
  'less-strict': t('your setting {value} is less strict than your organisation allows', 'Ihre Einstellung {value} ist weniger streng, als Ihre Organisation erlaubt'),
  'decided-by-org': t('is decided by your organisation', 'entscheidet Ihre Organisation'),
  'admin-only': t('can only be set by an organisation policy', 'kann nur durch eine Richtlinie der Organisation festgelegt werden'),
  // Start-up (merge.ts resolvePolicyState).
  'managed-unreadable': t('managed storage could not be read ({reason})', 'der verwaltete Speicher konnte nicht gelesen werden ({reason})'),
} as const satisfies Record<string, Texts>;

/** What happens instead. */
export const FALLBACK_MESSAGES = {
  'default-policy': t('the default policy applies', 'es gilt die Standardrichtlinie'),
  'like-above': t('each of them falls back like the ones above', 'für jedes gilt dasselbe wie für die obigen'),
  'rule-disabled': t('this rule is disabled; the other rules still apply', 'diese Regel ist abgeschaltet; die übrigen Regeln gelten weiter'),
  'entry-ignored': t('this entry is ignored', 'dieser Eintrag wird ignoriert'),
  ignored: t('it is ignored', 'die Angabe wird ignoriert'),
  'not-used': t('it is not used', 'der Wert wird nicht verwendet'),
  'default-action': t('the default action "{value}" applies', 'es gilt die Standardaktion "{value}"'),
  'default-sensitivity': t('the default sensitivity "{value}" applies', 'es gilt die Standardempfindlichkeit "{value}"'),
  'default-mode': t('the default mode "{value}" applies', 'es gilt der Standardmodus "{value}"'),
  'default-value': t('the default value "{value}" applies', 'es gilt der Standardwert "{value}"'),
  'default-literal': t('the default {value} applies', 'es gilt der Standardwert {value}'),
  'list-empty': t('the list is treated as empty', 'die Liste gilt als leer'),
  'settings-default': t('its settings keep their defaults', 'die Einstellungen darin behalten ihre Standardwerte'),
  'first-n-used': t('only the first {max} are used', 'nur die ersten {max} werden verwendet'),
  'no-custom-rules': t('no custom rules apply', 'es gelten keine eigenen Regeln'),
  'no-client-hashes': t('no hashed client names are used', 'gehashte Mandantennamen werden nicht verwendet'),
  'no-guidance-link': t('no link is shown', 'es wird kein Link angezeigt'),
  'entries-stay-local': t('entries stay on this computer', 'die Einträge bleiben auf diesem Rechner'),
  'custom-default-action': t('the action of detectors.custom applies', 'es gilt die Aktion von detectors.custom'),
  'org-rule-applies': t("the organisation's rule applies", 'es gilt die Regel der Organisation'),
  'value-applies': t('{value} applies', 'es gilt {value}'),
  'own-setting-unused': t('your own setting is not used', 'Ihre eigene Einstellung wird nicht verwendet'),
  'last-known-policy': t('the last known policy applies', 'es gilt die zuletzt bekannte Richtlinie'),
  'defaults-apply': t('the defaults apply', 'es gelten die Standardwerte'),
} as const satisfies Record<string, Texts>;

export type PhraseCode = keyof typeof PHRASES;
export type ProblemCode = keyof typeof PROBLEM_MESSAGES;
export type FallbackCode = keyof typeof FALLBACK_MESSAGES;

/** A language-dependent part of a message, rendered from PHRASES. */
export interface Phrase {
  phrase: PhraseCode;
  params?: ProblemParams;
}

export type ProblemParam = string | number | readonly string[] | Phrase;
export type ProblemParams = Readonly<Record<string, ProblemParam>>;

/** What happens instead of the invalid part. */
export interface Fallback {
  code: FallbackCode;
  params?: ProblemParams;
}

export const phrase = (code: PhraseCode, params?: ProblemParams): Phrase => (params ? { phrase: code, params } : { phrase: code });

/** "de", "de-AT", "de_DE.UTF-8" → de; everything else → en. */
export function problemLang(tag: string | undefined): ProblemLang {
  return tag && /^de\b|^de[-_]/i.test(tag.trim()) ? 'de' : 'en';
}

function isPhrase(v: ProblemParam): v is Phrase {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as Phrase).phrase === 'string';
}

function renderParam(v: ProblemParam | undefined, lang: ProblemLang): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) {
    const q = (v as readonly string[]).map((x) => JSON.stringify(x));
    return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} ${PHRASES.or[lang]} ${q[q.length - 1]}`;
  }
  if (isPhrase(v)) {
    const texts = (PHRASES as Record<string, Texts>)[v.phrase];
    return texts ? render(texts[lang], v.params ?? {}, lang) : undefined;
  }
  return undefined;
}

/** Fill a template; an unknown placeholder stays as it is (the catalogue test catches it). */
export function render(template: string, params: ProblemParams, lang: ProblemLang): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => renderParam(params[name], lang) ?? whole);
}

/** The placeholders of a template, sorted ("must be {expected}, got {got}" → ["expected", "got"]). */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]!))].sort();
}

export function problemMessage(code: ProblemCode, params: ProblemParams, lang: ProblemLang): string | undefined {
  const texts = (PROBLEM_MESSAGES as Record<string, Texts>)[code];
  return texts ? render(texts[lang], params, lang) : undefined;
}

export function fallbackMessage(code: FallbackCode, params: ProblemParams, lang: ProblemLang): string | undefined {
  const texts = (FALLBACK_MESSAGES as Record<string, Texts>)[code];
  return texts ? render(texts[lang], params, lang) : undefined;
}

export function phraseText(code: PhraseCode, lang: ProblemLang, params: ProblemParams = {}): string {
  return render(PHRASES[code][lang], params, lang);
}

export interface PolicyProblem {
  /** JSON path of the problem, e.g. "detectors.iban.action" or "customRules[3].pattern" ("" = the whole policy). */
  path: string;
  /** What is wrong: a stable code (PROBLEM_MESSAGES) … */
  code: ProblemCode;
  /** … and its parameters. */
  params: ProblemParams;
  /** What happens instead: a stable code (FALLBACK_MESSAGES) and its parameters. */
  fallbackCode: FallbackCode;
  fallbackParams: ProblemParams;
  /** What is wrong, in English (kept for older readers; render other languages with problemTexts). */
  message: string;
  /** What happens instead, in English. */
  fallback: string;
}

/** A problem with its English texts filled in. */
export function policyProblem(path: string, code: ProblemCode, params: ProblemParams, fallback: Fallback): PolicyProblem {
  const fallbackParams = fallback.params ?? {};
  return {
    path,
    code,
    params,
    fallbackCode: fallback.code,
    fallbackParams,
    message: problemMessage(code, params, 'en') ?? code,
    fallback: fallbackMessage(fallback.code, fallbackParams, 'en') ?? fallback.code,
  };
}

/**
 * What is wrong and what happens instead, in `lang`. A problem without a known code (e.g. from an
 * older version) keeps its English texts.
 */
export function problemTexts(p: Pick<PolicyProblem, 'message' | 'fallback'> & Partial<PolicyProblem>, lang: ProblemLang): { message: string; fallback: string } {
  const message = p.code ? problemMessage(p.code, p.params ?? {}, lang) : undefined;
  const fallback = p.fallbackCode ? fallbackMessage(p.fallbackCode, p.fallbackParams ?? {}, lang) : undefined;
  return { message: message ?? p.message, fallback: fallback ?? p.fallback };
}

type ProblemLike = Pick<PolicyProblem, 'path' | 'message' | 'fallback'> & Partial<PolicyProblem>;

/** "path: what is wrong; what happens instead." in `lang`. */
export function formatProblemIn(p: ProblemLike, lang: ProblemLang): string {
  const l: ProblemLang = lang === 'de' ? 'de' : 'en';
  const { message, fallback } = problemTexts(p, l);
  return `${p.path || PHRASES['whole-policy'][l]}: ${message}; ${fallback}.`;
}

/** "path: what is wrong; what happens instead." in English (one argument, so problems.map(formatProblem) works). */
export function formatProblem(p: ProblemLike): string {
  return formatProblemIn(p, 'en');
}
