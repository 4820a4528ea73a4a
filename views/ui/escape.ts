// Escaping for the places that write HTML as strings: the JSX runtime (views/jsx) and the matrix's cells.

const SPECIAL = /[&<>'"]/;

/**
 * Text made safe inside an element or a quoted attribute (& < > " ' as Hono's JSX writes them). Most text has
 * none of them: one scan, and the string itself comes back.
 */
export function escapeHtml(s: string): string {
  let i = s.search(SPECIAL);
  if (i === -1) return s;
  let out = '';
  let last = 0;
  for (; i < s.length; i++) {
    let e: string;
    switch (s.charCodeAt(i)) {
      case 34: e = '&quot;'; break;
      case 39: e = '&#39;'; break;
      case 38: e = '&amp;'; break;
      case 60: e = '&lt;'; break;
      case 62: e = '&gt;'; break;
      default: continue;
    }
    out += s.substring(last, i) + e;
    last = i + 1;
  }
  return out + s.substring(last);
}
