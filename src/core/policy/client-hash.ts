// Hashed client names (policy clientHashes): the admin ships salted hashes instead of a readable list.
// Names are normalised first so spelling variants meet: "Müller", "Mueller" and "Muller" hash the same,
// and so do "Anna Müller", "Müller, Anna" and "Dr. Anna Müller".
// Hashing is synchronous (@noble/hashes) because the send path decides synchronously; WebCrypto is async.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export interface ClientHashes {
  salt: string;
  /** "full:<hex>" | "surname:<hex>" (a bare "<hex>" counts as full). */
  hashes: string[];
}

export type ClientHashKind = 'full' | 'surname';

/** Names with more parts than this are still hashed, but a message is only searched for up to this many. */
export const MAX_NAME_TOKENS = 5;

/** Domain separation and version: a future normalisation change gets a new prefix, not silent misses. */
const HASH_PREFIX = 'sendguard-client-v1';

// Letters that Unicode does not decompose into a base letter plus marks.
const SPECIAL: Readonly<Record<string, string>> = {
  ß: 'ss', ı: 'i', ł: 'l', đ: 'd', ð: 'd', ø: 'o', æ: 'ae', œ: 'oe', þ: 'th', ħ: 'h', ŧ: 't', ŀ: 'l', ĸ: 'k', ſ: 's',
};

/** Titles and legal forms, dropped so "Frau Dr. Anna Müller" and "Schmidt GmbH" match their plain names. */
const STOP_TOKENS: ReadonlySet<string> = new Set([
  'herr', 'herrn', 'frau', 'hr', 'fr', 'dr', 'prof', 'med', 'dipl', 'ing', 'mr', 'mrs', 'ms', 'jr', 'sr', 'junior', 'senior',
  'gmbh', 'mbh', 'ag', 'kg', 'kgaa', 'ohg', 'gbr', 'ug', 'ev', 'eg', 'se', 'co', 'ltd', 'inc', 'llc', 'plc', 'corp',
]);

/** Fold one word: lower case, no diacritics, ß → ss, and the German transliterations ae/oe/ue → a/o/u. */
function foldToken(word: string): string {
  let s = word.toLowerCase().normalize('NFKD').replace(/\p{M}+/gu, '');
  if (/[^\x00-\x7f]/.test(s)) s = s.replace(/[^\x00-\x7f]/g, (ch) => SPECIAL[ch] ?? ch);
  // ü → u already; ue → u makes "Mueller" meet "Müller". "Manuel" also becomes "manul": harmless, both sides fold alike.
  return s.replace(/([aou])e/g, '$1');
}

/** Split a name into folded tokens in their written order (stop tokens removed). */
function nameTokens(name: string): string[] {
  // Marks go first, so a decomposed "u + ◌̈" does not split a word.
  const joined = name.normalize('NFKD').replace(/\p{M}+/gu, '').replace(/['’`´ʼ.]/g, '');
  const out: string[] = [];
  for (const raw of joined.split(/[^\p{L}\p{N}]+/u)) {
    if (!raw) continue;
    const f = foldToken(raw);
    if (f && !STOP_TOKENS.has(f)) out.push(f);
  }
  return out;
}

/**
 * The normalised form that gets hashed: folded tokens, sorted, joined by one space.
 * "Müller-Lüdenscheidt, Anna" → "anna ludenscheidt muller". Empty when nothing is left.
 */
export function normalizeClientName(name: string): string {
  return nameTokens(name).sort().join(' ');
}

/** The surname's normalised form: the part before a comma ("Müller, Anna"), else the last token. */
export function surnameOf(name: string): string | undefined {
  const comma = name.indexOf(',');
  const all = nameTokens(name);
  if (all.length < 2) return undefined;
  if (comma > 0) {
    const before = nameTokens(name.slice(0, comma));
    const last = before[before.length - 1];
    if (last && before.length < all.length) return last;
  }
  return all[all.length - 1];
}

function hashNormalized(normalized: string, salt: string): string {
  return bytesToHex(sha256(utf8ToBytes(`${HASH_PREFIX}\u0000${salt}\u0000${normalized}`)));
}

/** Hex SHA-256 of the normalised name with the salt; undefined when the name has no letters left. */
export function hashClientName(name: string, salt: string): string | undefined {
  const n = normalizeClientName(name);
  return n ? hashNormalized(n, salt) : undefined;
}

export interface ClientHashEntry {
  name: string;
  entries: string[];
  /** Why a name produced fewer entries than expected (for the CLI). */
  notes: string[];
}

/** The policy entries for one name: "full:<hash>" and, for names of two or more parts, "surname:<hash>". */
export function clientHashEntries(name: string, salt: string, options: { surnames?: boolean } = {}): ClientHashEntry {
  const notes: string[] = [];
  const n = normalizeClientName(name);
  if (!n) return { name, entries: [], notes: ['has no letters or digits besides titles and legal forms; skipped'] };
  const entries = [`full:${hashNormalized(n, salt)}`];
  const parts = n.split(' ').length;
  if (parts > MAX_NAME_TOKENS) notes.push(`has ${parts} parts; messages are searched for names of up to ${MAX_NAME_TOKENS} parts, so the full name will not be found`);
  if (options.surnames !== false) {
    const s = surnameOf(name);
    if (s) entries.push(`surname:${hashNormalized(s, salt)}`);
  }
  return { name, entries, notes };
}

export type HashedClientMatcher = (candidateTokens: readonly string[]) => ClientHashKind | undefined;

const HASH_ENTRY = /^(?:(full|surname):)?([0-9a-f]{64})$/;

/**
 * A pure matcher for the client_name recognizer: give it the words of a candidate name (any order,
 * titles allowed) and it says whether they are a hashed client's full name or surname. Results are
 * cached per normalised candidate, because a draft is re-checked on every keystroke.
 */
export function makeHashedClientMatcher(clientHashes: ClientHashes): HashedClientMatcher {
  const kinds = new Map<string, ClientHashKind>();
  for (const e of clientHashes.hashes) {
    const m = HASH_ENTRY.exec(e);
    if (!m) continue;
    const kind: ClientHashKind = m[1] === 'surname' ? 'surname' : 'full';
    if (kinds.get(m[2]!) !== 'full') kinds.set(m[2]!, kind);
  }
  const salt = clientHashes.salt;
  const cache = new Map<string, ClientHashKind | null>();
  return (candidateTokens) => {
    if (kinds.size === 0 || candidateTokens.length === 0) return undefined;
    const n = normalizeClientName(candidateTokens.join(' '));
    if (!n) return undefined;
    let hit = cache.get(n);
    if (hit === undefined) {
      hit = kinds.get(hashNormalized(n, salt)) ?? null;
      if (cache.size > 5000) cache.clear();
      cache.set(n, hit);
    }
    return hit ?? undefined;
  };
}

export interface HashedClientMention {
  start: number;
  end: number;
  kind: ClientHashKind;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['’][\p{L}\p{M}]+)*/gu;

/**
 * Every place in `text` where up to `maxTokens` consecutive words are a hashed client (longest first,
 * not overlapping). Candidates neither start nor end with a title or legal form, so "Frau Müller"
 * reports "Müller" — the recognizer decides how much a surname alone counts.
 */
export function findHashedClientMentions(text: string, matcher: HashedClientMatcher, maxTokens = MAX_NAME_TOKENS): HashedClientMention[] {
  const words: { start: number; end: number; text: string; stop: boolean }[] = [];
  for (const m of text.matchAll(WORD)) {
    const w = m[0];
    words.push({ start: m.index, end: m.index + w.length, text: w, stop: STOP_TOKENS.has(foldToken(w)) });
  }
  const out: HashedClientMention[] = [];
  for (let i = 0; i < words.length; ) {
    let matched = 0;
    if (!words[i]!.stop) {
      for (let n = Math.min(maxTokens, words.length - i); n >= 1; n--) {
        const last = words[i + n - 1]!;
        if (last.stop) continue;
        const kind = matcher(words.slice(i, i + n).map((w) => w.text));
        if (kind) {
          out.push({ start: words[i]!.start, end: last.end, kind });
          matched = n;
          break;
        }
      }
    }
    i += matched || 1;
  }
  return out;
}
