// Name search as people type it: any case, width or accent, and Hangul initial consonants (ㄱㅁㅇ finds 김민아).
import { getChoseong } from 'es-hangul';

/** Width (NFKC), accents and case fold away; Hangul syllables come back whole. */
const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFKC').toLocaleLowerCase();

// Folding turns the jamo people type (ㄱ, U+3131) into conjoining initials (U+1100…U+1112).
const ONLY_INITIALS = /^[\u1100-\u1112\s]+$/u;
const noSpace = (s: string) => s.replace(/\s+/g, '');

/**
 * Whether `name` matches the search `q`: the folded query occurs in the folded name, or the query is
 * only initial consonants and they occur in the initials of the name's Hangul syllables (es-hangul).
 */
export function nameMatches(name: string, q: string): boolean {
  const needle = fold(q).trim();
  if (needle === '') return true;
  if (fold(name).includes(needle)) return true;
  return ONLY_INITIALS.test(needle) && noSpace(getChoseong(name)).includes(noSpace(getChoseong(needle)));
}
