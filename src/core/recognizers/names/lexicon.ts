// Word lists shared by client_name and person_name, bundled from rules/ and turned into Sets once.
import commonWords from '../../../../rules/common-words.json';
import givenNames from '../../../../rules/given-names.json';
import { skeleton } from './skeleton.js';

export interface Lexicon {
  /** Frequent German/English content and function words (lower case). */
  common: Set<string>;
  /** Function words, pronouns, articles, prepositions, auxiliaries: never a name. */
  func: Set<string>;
  /** Surnames that are also words or look like them (Klein, Wolf, Fischer): a surname after a given name. */
  surnameWords: Set<string>;
  /** Given names (lower case) and their skeletons. */
  given: Set<string>;
  givenSkel: Set<string>;
}

let cached: Lexicon | undefined;

export function lexicon(): Lexicon {
  if (cached) return cached;
  const func = new Set(commonWords.function);
  const common = new Set<string>([...commonWords.de, ...commonWords.en, ...func]);
  const given = new Set<string>([...givenNames.names, ...givenNames.compromise]);
  const givenSkel = new Set<string>();
  for (const g of given) givenSkel.add(skeleton(g));
  cached = { common, func, surnameWords: new Set(commonWords.surnameWords), given, givenSkel };
  return cached;
}

/**
 * A lower-case token is a given name: exactly, or by skeleton ("ayse" for "ayşe") when it has four
 * letters or more (short skeletons collide: "zoo" and "zoe").
 */
export function isGivenName(low: string, skel: string): boolean {
  const lx = lexicon();
  return lx.given.has(low) || (low.length >= 4 && lx.givenSkel.has(skel));
}
