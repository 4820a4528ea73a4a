// Korean particles after a value (`{name:이/가}` in a catalog string): which form fits its last sound.
import { josa, numberToHangul } from 'es-hangul';

/** The pairs a catalog may write after a colon, with consonant-final form first (as es-hangul names them). */
const PAIRS = {
  '이/가': '이/가',
  '을/를': '을/를',
  '은/는': '은/는',
  '과/와': '와/과',
  '와/과': '와/과',
  '으로/로': '으로/로',
  '이나/나': '이나/나',
  '이에요/예요': '이에요/예요',
  '아/야': '아/야',
  '이랑/랑': '이랑/랑',
  // The copula's past and its "and" form, which es-hangul has no option for: chosen like 이/가.
  '이었/였': null,
  '이고/고': null,
} as const;
export type ParticlePair = keyof typeof PAIRS;
export const PARTICLE_PAIRS = Object.keys(PAIRS) as ParticlePair[];
export const isParticlePair = (s: string): s is ParticlePair => Object.hasOwn(PAIRS, s);

/**
 * Romanised Korean surnames whose English reading (Park 파크) loses the final consonant the name has
 * (박): a Korean reader says "Joon Park이".
 */
const SURNAMES: Record<string, string> = { park: '박', pak: '박', bak: '박', baek: '백', paik: '백', kwak: '곽', seok: '석' };

/**
 * A Latin word as a Korean reader ends it, given as one Hangul syllable with that final sound
 * ('음' = ends in ㅁ, '어' = ends in a vowel). English loanwords keep a final m, n, ng, l and, after
 * a short vowel, k/t/p/b (스택, 데이터셋, 그룹); a final r, s, d, g, x, f, v, th, ch, sh or silent e
 * adds a vowel (트랜스포머, 데이비드). All-capital words and single letters are read letter by letter.
 */
function latinEnding(word: string): string {
  const w = word.toLowerCase();
  if (SURNAMES[w]) return SURNAMES[w];
  if (w.length === 1 || word === word.toUpperCase()) return ''; // letter names: es-hangul reads A–Z
  if (/ng$/.test(w)) return '응';
  if (/(m|me)$/.test(w)) return '음';
  if (/(n|ne)$/.test(w)) return '은';
  if (/(l|le)$/.test(w)) return '을';
  if (/(ck|ic|ik|ook)$/.test(w)) return '윽';
  if (/[^aeiou][aeiou]t{1,2}$/.test(w)) return '읏';
  if (/[aeiou](p{1,2}|b{1,2})$/.test(w)) return '읍';
  return '어';
}

/** The particle of `pair` that follows `value` ("김민아" + 이/가 → "가"). */
export function particleFor(value: string, pair: ParticlePair): string {
  const option = PAIRS[pair];
  if (option === null) {
    const [afterConsonant, afterVowel] = pair.split('/');
    return particleFor(value, '이/가') === '이' ? afterConsonant : afterVowel;
  }
  // A trailing "(5)" or punctuation is not read before the particle.
  const text = value.replace(/\s*\([^()]*\)\s*$/, '').replace(/[^\p{L}\p{N}]+$/u, '');
  const last = /(\d+|[A-Za-z]+|\p{Script=Hangul}+)$/u.exec(text)?.[1];
  if (!last) return josa.pick('어', option);
  if (/^\d+$/.test(last)) {
    // Digits are read the Sino-Korean way (GPT-4 사, BERT 2 이, 10 십, 0 영).
    const n = Number(last.slice(-12));
    return josa.pick(n === 0 ? '영' : numberToHangul(n), option);
  }
  if (/^[A-Za-z]+$/.test(last)) {
    const ending = latinEnding(last);
    if (!ending) return josa(last.toUpperCase(), option).slice(last.length);
    return josa.pick(ending, option);
  }
  return josa.pick(last, option);
}

/** `value` followed by the right particle of `pair`. */
export const withParticle = (value: string, pair: ParticlePair) => value + particleFor(value, pair);
