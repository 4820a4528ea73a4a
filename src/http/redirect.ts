// The one rule for every redirect target a request names (sign-in `next`, a form's `back`): only a
// path on this site, never another host, however it is spelled.

const ORIGIN = 'http://pairwise.invalid';

/**
 * `raw` if it is a same-origin path starting with a single `/` (no control characters, no
 * backslashes, not `//host`), normalised by the URL parser; otherwise `fallback`.
 */
export function safeTarget(raw: string | undefined | null, fallback: string): string {
  if (!raw || raw.length > 1000) return fallback;
  if (!raw.startsWith('/') || raw.startsWith('//')) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return fallback;
  let url: URL;
  let path: string;
  try {
    url = new URL(raw, ORIGIN);
    path = decodeURIComponent(url.pathname);
  } catch {
    return fallback;
  }
  // An encoded forbidden character in the path (`%09`, `%5C`, `%2F%2F`) is as forbidden as the character.
  if (url.origin !== ORIGIN || /[\u0000-\u001f\u007f\\]/.test(path) || path.startsWith('//')) return fallback;
  return url.pathname + url.search + url.hash;
}
