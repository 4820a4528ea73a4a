// Name search as Korean users type it: initial consonants (ㄱㅁㅇ finds 김민아), any case, any width.
import { getChoseong } from 'es-hangul';

/** Full-width and half-width forms fold to the usual ones (NFKC), then to lower case. */
const fold = (s: string) => s.normalize('NFKC').toLowerCase();

// NFKC turns the jamo people type (ㄱ, U+3131) into conjoining initials (U+1100…U+1112).
const ONLY_INITIALS = /^[\u1100-\u1112\s]+$/u;
const noSpace = (s: string) => s.replace(/\s+/g, '');

/**
 * Whether `name` matches a search `query`: the folded query occurs in the folded name, or the query
 * is only initial consonants and they occur in the initials of the name's Hangul syllables.
 */
export function nameMatches(query: string, name: string): boolean {
  const q = fold(query).trim();
  if (!q) return true;
  if (fold(name).includes(q)) return true;
  return ONLY_INITIALS.test(q) && noSpace(getChoseong(name)).includes(noSpace(getChoseong(q)));
}
