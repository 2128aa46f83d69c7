// Word tokens with offsets for the name recognizers. A token is a run of letters (a hyphen or an
// apostrophe ends it), so "Kaya-Schulz" is two tokens joined by the gap "-". Offsets are UTF-16
// indexes into the original text; `low` comes from ctx.lower (same length), so offsets stay valid.
import { skeleton } from './skeleton.js';

export interface Token {
  start: number;
  end: number;
  /** Lower-case text of the token. */
  low: string;
  /** First letter is upper case ("Koch", "KOCH"). */
  cap: boolean;
  /** Text between the previous token's end (or the text start) and this token. */
  gap: string;
  /** Part of an e-mail address, URL or Teams @mention: never a client name here. */
  blocked: boolean;
  /** Part of a Teams @mention ("@Sandra Keller"): a colleague, so a person but not a client. */
  mention: boolean;
  /** Touches a digit or underscore ("kowalczyk88"): not a name on its own. */
  glued: boolean;
  /** Cached skeleton; use sk(). */
  skel?: string;
}

const WORD = /[\p{L}\p{M}]+/gu;
const UPPER = /\p{Lu}/u;
const GLUE = /[\p{N}_]/u;

let last: { text: string; tokens: Token[] } | undefined;

/** Tokens of the text; the last result is kept, so client_name and person_name share one pass. */
export function tokenize(text: string, lower: string): Token[] {
  if (last && last.text === text) return last.tokens;
  const tokens = scan(text, lower);
  last = { text, tokens };
  return tokens;
}

function scan(text: string, lower: string): Token[] {
  const out: Token[] = [];
  let prevEnd = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const before = text[start - 1];
    const after = text[end];
    out.push({
      start,
      end,
      low: lower.slice(start, end),
      cap: UPPER.test(m[0][0]!),
      gap: text.slice(prevEnd, start),
      blocked: false,
      mention: false,
      glued: (before !== undefined && GLUE.test(before)) || (after !== undefined && GLUE.test(after)),
    });
    prevEnd = end;
  }
  markBlocked(text, out);
  return out;
}

export function sk(t: Token): string {
  return (t.skel ??= skeleton(t.low));
}

/** A domain name inside a chunk: "jugendhilfe-nordstadt.de", "example.com/path". */
const DOMAIN = /[\p{L}\d-]\.(?:de|com|org|net|eu|at|ch|io|info|biz|nl|fr|it|es|pl|tr|uk|us|co|app|gov|edu)(?:[/:?#]|[).,;!?]*$)/iu;

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

/**
 * Block tokens inside e-mail addresses, URLs and domain names (a whitespace-delimited chunk with an
 * inner "@", "://", a leading "www." or a known top-level domain), and Teams @mentions: "@Sandra Keller" blocks "Sandra" and the next
 * capitalised token (an @mention names a colleague, not a client).
 */
function markBlocked(text: string, tokens: Token[]): void {
  if (text.indexOf('@') < 0 && text.indexOf('.') < 0) return;
  let chunkStart = -1;
  let chunkEnd = -1;
  let blockChunk = false;
  let mentionNext = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.start >= chunkEnd) {
      // New whitespace-delimited chunk around this token.
      let s = t.start;
      while (s > 0 && !isSpace(text[s - 1])) s--;
      let e = t.end;
      while (e < text.length && !isSpace(text[e])) e++;
      const chunk = text.slice(s, e);
      const at = chunk.indexOf('@');
      blockChunk = (at > 0 && at < chunk.length - 1) || chunk.includes('://') || /^www\./i.test(chunk) || DOMAIN.test(chunk);
      const mention = at === 0;
      if (mention) {
        blockChunk = true;
        mentionNext = true;
      } else if (mentionNext && t.cap && /^[ \t]+$/.test(t.gap) && t.start === s) {
        // Second word of "@Given Surname".
        t.blocked = true;
        t.mention = true;
        mentionNext = false;
        chunkStart = s;
        chunkEnd = e;
        continue;
      } else {
        mentionNext = false;
      }
      chunkStart = s;
      chunkEnd = e;
    }
    if (blockChunk && t.start >= chunkStart) {
      t.blocked = true;
      if (text[chunkStart] === '@') t.mention = true;
    }
  }
}
