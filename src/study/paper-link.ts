// A paper's link as one key, so every form of the same paper (arXiv abs/pdf/versions, doi.org forms, …) is recognised.
// Pure: no I/O, no words; the form puts the codes into words.

export type PaperLink = { ok: true; key: string; href: string } | { ok: false; code: 'notHttp' | 'malformed' };

const ARXIV_HOSTS = new Set(['arxiv.org', 'export.arxiv.org']);
const DOI_HOSTS = new Set(['doi.org', 'dx.doi.org']);
// New-style ids (2104.08821, optionally v2) and old-style ones (hep-th/9901001, math.GT/0309136).
const ARXIV_PATH = /^\/(?:abs|pdf)\/((?:\d{4}\.\d{4,5})|(?:[a-z-]+(?:\.[a-z]{2})?\/\d{7}))(?:v\d+)?(?:\.pdf)?\/?$/i;
const DOI = /^10\.\d{4,9}\/\S+$/;
// 2020.acl-main.1 and P19-1001, with or without ".pdf" and a trailing slash.
const ACL_PATH = /^\/([A-Za-z0-9]+(?:[.-][A-Za-z0-9]+)*?)(?:\.pdf)?\/?$/;

/** The host as a reader writes it: lower case (URL does that) and without leading "www." labels, keeping at least one dot. */
function bareHost(host: string): string {
  let h = host;
  while (h.startsWith('www.') && h.slice(4).includes('.')) h = h.slice(4);
  return h;
}

function decoded(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/** A known repository's key and canonical link, or null when the URL is not one of theirs. */
function repositoryKey(url: URL, host: string): { key: string; href: string } | null {
  if (ARXIV_HOSTS.has(host)) {
    const m = ARXIV_PATH.exec(url.pathname);
    if (m) return { key: `arxiv:${m[1].toLowerCase()}`, href: `https://arxiv.org/abs/${m[1].toLowerCase()}` };
  }
  if (DOI_HOSTS.has(host)) {
    const doi = decoded(url.pathname.slice(1))?.toLowerCase();
    if (doi && DOI.test(doi)) return { key: `doi:${doi}`, href: `https://doi.org/${doi.split('/').map(encodeURIComponent).join('/')}` };
  }
  if (host === 'aclanthology.org') {
    const m = ACL_PATH.exec(url.pathname);
    if (m) return { key: `acl:${m[1]}`, href: `https://aclanthology.org/${m[1]}/` };
  }
  if (host === 'openreview.net' && (url.pathname === '/forum' || url.pathname === '/pdf')) {
    const id = url.searchParams.get('id');
    if (id && /^[\w-]+$/.test(id)) return { key: `openreview:${id}`, href: `https://openreview.net/forum?id=${id}` };
  }
  return null;
}

/**
 * The key of a paper's link: `arxiv:2104.08821`, `doi:10.18653/v1/2020.acl-main.1` (lower case),
 * `acl:2020.acl-main.1`, `openreview:X`; any other page is its host without "www.", its path without
 * trailing slashes and its query sorted without utm_* parameters (no scheme, no fragment). `href` is a
 * canonical link with the same key. Only http(s) URLs with a dotted host and no credentials are links.
 */
export function paperLink(raw: string): PaperLink {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, code: /^[a-z][a-z0-9+.-]*:/i.test(raw.trim()) && !/^https?:/i.test(raw.trim()) ? 'notHttp' : 'malformed' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, code: 'notHttp' };
  const host = bareHost(url.host);
  if (url.username || url.password || !/^[^.]+(\.[^.]+)+$/.test(url.hostname)) return { ok: false, code: 'malformed' };
  const known = repositoryKey(url, host);
  if (known) return { ok: true, ...known };
  const path = url.pathname.replace(/\/+$/, '');
  const query = new URLSearchParams([...url.searchParams].filter(([k]) => !k.toLowerCase().startsWith('utm_')));
  query.sort();
  const q = query.toString();
  const rest = `${host}${path}${q ? `?${q}` : ''}`;
  return { ok: true, key: rest, href: `https://${rest}` };
}

/** The key of a link that must be one (seeds, fixtures, the benchmark): throws on a link the form would refuse. */
export function linkKeyOf(url: string): string {
  const link = paperLink(url);
  if (!link.ok) throw new Error(`not a paper link: ${url} (${link.code})`);
  return link.key;
}
