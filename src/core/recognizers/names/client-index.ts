// The client index: built once per client list (the policy changes rarely, analysis runs on every
// send) and cached by content, so a new array with the same names costs one pass of comparisons.
import rules from '../../../../rules/client_name.json';
import type { ClientEntry } from '../../types.js';
import { foldSameLength } from '../../text.js';
import { isGivenName, lexicon } from './lexicon.js';
import { skeleton } from './skeleton.js';

/**
 * How much a surname key says on its own:
 * - strong: a distinctive surname (Iwanow, Kowalczyk, Kaya-Schulz): flagged bare;
 * - weak: a frequent surname, a brand, a short one, or one part of a double surname (Müller, Brandt):
 *   needs name context;
 * - word: also a common word or a given name (Klein, Wolf, Rose, Nasser): needs a salutation, given
 *   name, initial or name context.
 */
export type Strength = 'strong' | 'weak' | 'word';

export interface SurnameKey {
  /** Skeletons of the surname's tokens, in order ("kaia", "shuls"). */
  atoms: string[];
  /** Indexes into ClientIndex.clients. */
  clients: number[];
  /** One part of a double surname ("Höfer" of "Brandt-Höfer"). */
  part: boolean;
  strength: Strength;
  /** The key's text is a brand name too (bei müller). */
  brand: boolean;
}

export interface ClientRec {
  /** Skeletons of the given-name tokens ("Heinz-Günther" → 2). */
  given: string[];
  /** Folded first letters of the given-name tokens. */
  initials: Set<string>;
}

export interface ClientIndex {
  clients: ClientRec[];
  /** Surname keys by the skeleton of their first token, longest first. */
  byFirst: Map<string, SurnameKey[]>;
  /** Skeleton of a given-name token → clients that have it. */
  givenOf: Map<string, Set<number>>;
}

const WORD = /[\p{L}\p{M}]+/gu;
const PARTICLES = new Set(rules.particles);
const FREQUENT = new Set(rules.frequentSurnames.map((s) => skeleton(s)));
const BRANDS = new Set(rules.brands);

function tokensOf(s: string): string[] {
  return (s.toLowerCase().match(WORD) ?? []).map((t) => t.normalize('NFC'));
}

/** Split "Anna Müller", "Müller, Anna", "Francesca De Luca", "Thi Lan Nguyen" into given and surname tokens. */
export function splitName(name: string): { given: string[]; surname: string[] } {
  const clean = name.replace(/\s+/g, ' ').trim();
  const comma = clean.indexOf(',');
  if (comma > 0) return { surname: tokensOf(clean.slice(0, comma)), given: tokensOf(clean.slice(comma + 1)) };
  const words = clean.split(' ');
  if (words.length === 1) return { given: [], surname: tokensOf(clean) };
  let k = words.length - 1;
  // Particles before the last word belong to the surname ("De Luca", "van der Berg").
  while (k > 1 && PARTICLES.has(words[k - 1]!.toLowerCase())) k--;
  return { given: tokensOf(words.slice(0, k).join(' ')), surname: tokensOf(words.slice(k).join(' ')) };
}

function wordClass(low: string): boolean {
  const lx = lexicon();
  const folded = foldSameLength(low.replace(/ß/g, 'ss'));
  return lx.common.has(low) || lx.common.has(folded) || isGivenName(low, skeleton(low));
}

function singleStrength(low: string, part: boolean): Strength {
  if (wordClass(low)) return 'word';
  const frequent = FREQUENT.has(skeleton(low)) || BRANDS.has(low);
  // One part of a double surname that is also a frequent surname ("Hoffmann" of "Hoffmann-Yıldız")
  // more likely names someone else.
  if (part && frequent) return 'word';
  if (part || frequent || low.length < 4) return 'weak';
  return 'strong';
}

export function buildIndex(entries: readonly ClientEntry[]): ClientIndex {
  const clients: ClientRec[] = [];
  const keys = new Map<string, SurnameKey>();
  const givenOf = new Map<string, Set<number>>();
  const addKey = (atoms: string[], client: number, part: boolean, strength: Strength, brand: boolean) => {
    const id = atoms.join(' ');
    const k = keys.get(id);
    if (k) {
      if (k.clients[k.clients.length - 1] !== client) k.clients.push(client); // clients come in order
      return;
    }
    keys.set(id, { atoms, clients: [client], part, strength, brand });
  };
  for (const e of entries) {
    if (!e.name || !e.name.trim()) continue; // hashed entries (issue 4) have no readable name
    const { given, surname } = splitName(e.name);
    if (surname.length === 0) continue;
    const ci = clients.length;
    const givenSk = given.map(skeleton);
    clients.push({ given: givenSk, initials: new Set(given.map((g) => foldSameLength(g)[0]!)) });
    for (const g of givenSk) {
      let set = givenOf.get(g);
      if (!set) givenOf.set(g, (set = new Set()));
      set.add(ci);
    }
    const atoms = surname.map(skeleton);
    const core = surname.filter((t) => !PARTICLES.has(t));
    if (surname.length === 1) {
      addKey(atoms, ci, false, singleStrength(surname[0]!, false), BRANDS.has(surname[0]!));
      continue;
    }
    // Double or particle surname: the whole is distinctive, also written as one word ("ElMasri").
    addKey(atoms, ci, false, 'strong', false);
    addKey([skeleton(surname.join(''))], ci, false, 'strong', false);
    for (const t of core) if (t.length >= 3) addKey([skeleton(t)], ci, true, singleStrength(t, true), BRANDS.has(t));
  }
  const byFirst = new Map<string, SurnameKey[]>();
  for (const k of keys.values()) {
    const first = k.atoms[0]!;
    let list = byFirst.get(first);
    if (!list) byFirst.set(first, (list = []));
    list.push(k);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.atoms.length - a.atoms.length);
  return { clients, byFirst, givenOf };
}

let cache: { list: readonly ClientEntry[]; names: string[]; index: ClientIndex } | undefined;

/** The index for this client list, rebuilt only when the names change. */
export function clientIndex(list: readonly ClientEntry[]): ClientIndex {
  if (cache && (cache.list === list || sameNames(cache.names, list))) {
    cache.list = list;
    return cache.index;
  }
  const index = buildIndex(list);
  cache = { list, names: list.map((c) => c.name), index };
  return index;
}

function sameNames(names: string[], list: readonly ClientEntry[]): boolean {
  if (names.length !== list.length) return false;
  for (let i = 0; i < names.length; i++) if (names[i] !== list[i]!.name) return false;
  return true;
}
