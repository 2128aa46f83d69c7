// Shared types of the detection engine. Pure TypeScript: no DOM, no browser APIs.
// Detector type ids are an API (policies, audit logs and tests refer to them): never rename, only add.

export const DETECTOR_TYPES = [
  'health',
  'iban',
  'client_name',
  'credit_card',
  'de_tax_id',
  'de_kvnr',
  'email',
  'phone',
  'person_name',
  // Findings of the organisation's own rules (policy customRules); each carries rule "custom.<id>" and
  // takes that rule's action and message.
  'custom',
] as const;
export type DetectorType = (typeof DETECTOR_TYPES)[number];

export function isDetectorType(x: unknown): x is DetectorType {
  return typeof x === 'string' && (DETECTOR_TYPES as readonly string[]).includes(x);
}

export type Action = 'allow' | 'warn' | 'block';
export const ACTIONS: readonly Action[] = ['allow', 'warn', 'block'];
export const ACTION_RANK: Record<Action, number> = { allow: 0, warn: 1, block: 2 };

/** How a finding came about: shown in the send-time dialog ("why was this flagged?"). */
export interface Explanation {
  /** Recognizer id, e.g. "iban". */
  recognizer: string;
  /** Named pattern or lexicon entry that matched, e.g. "iban.compact" or "lexicon:diagnosis". */
  pattern: string;
  /** Validator that confirmed the match, if any: "iso13616-mod97" → valid. */
  validator?: { name: string; result: 'valid' | 'invalid' };
  /** Context words found near the match that raised the score. */
  context?: string[];
  /** Score before context and validation. */
  baseScore: number;
  /** Further human-readable notes (English, developer-facing; the UI localises by rule id). */
  notes?: string[];
}

export interface Finding {
  type: DetectorType;
  /** UTF-16 offsets into the analysed text (end exclusive). */
  start: number;
  end: number;
  /** The matched substring. Never log or store it. */
  text: string;
  /** Confidence 0..1; a passed checksum gives 1. */
  score: number;
  /** Stable rule id, e.g. "iban.iso13616". */
  rule: string;
  explanation: Explanation;
  /** Set by the engine when the finding comes from image text (OCR), not from typed text. */
  source?: 'text' | 'image';
}

/** Per-detector tuning that recognizers may read. */
export type Sensitivity = 'low' | 'medium' | 'high';

/**
 * Everything a recognizer gets. Built once per analysis by the engine, so recognizers do not
 * repeat the same normalisation.
 */
export interface AnalysisContext {
  /** The original text. Offsets of findings refer to it. */
  text: string;
  /** text lower-cased char by char, same length as text (chars whose lower case has another length are kept). */
  lower: string;
  /** The organisation's client list (full names as the admin wrote them). */
  clients: readonly ClientEntry[];
  /** True when the text came from OCR: recognizers may match more tolerantly (validators stay strict). */
  ocr: boolean;
  /** Sensitivity per detector type from the policy. */
  sensitivity: Readonly<Record<DetectorType, Sensitivity>>;
  /**
   * Set when the policy has clientHashes: tells whether some words of the message (a candidate name,
   * in any order, e.g. ["Frau", "Anna", "Müller"]) are a hashed client's full name or surname.
   * See findHashedClientMentions() in policy/client-hash.ts for scanning a whole text.
   */
  clientHashMatcher?: (candidateTokens: readonly string[]) => 'full' | 'surname' | undefined;
}

/** A client from the policy: either a readable name, or (issue 4) a salted hash of a normalised name. */
export interface ClientEntry {
  /** The name as written in the policy, e.g. "Anna Müller". Empty for hashed entries. */
  name: string;
}

export interface Recognizer {
  /** Id, also the prefix of the rule ids it emits. */
  readonly id: string;
  /** The detector types this recognizer can produce. */
  readonly types: readonly DetectorType[];
  /**
   * Cheap test on the whole message; return false when it can surely find nothing.
   * Must cost microseconds on a harmless chat line.
   */
  prefilter(ctx: AnalysisContext): boolean;
  analyze(ctx: AnalysisContext): Finding[];
}
