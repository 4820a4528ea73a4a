// Who may change which part of a rating, who sees the manager note, and which evidence is acceptable.
import type { CurrentUser } from '../domain.ts';

export const SELF_FIELDS = ['selfLevel', 'interest', 'evidence'] as const;
export const MANAGER_FIELDS = ['managerLevel', 'managerNote'] as const;

/** A member edits their own self fields; a manager calibrates anyone (and rates themself like a member). */
export function editRights(viewer: Pick<CurrentUser, 'id' | 'role'>, memberId: number) {
  return { self: viewer.id === memberId && viewer.role !== 'partner', manager: viewer.role === 'manager' };
}

/** The manager note is for managers and the rated member only. */
export const seesNote = (viewer: Pick<CurrentUser, 'id' | 'role'>, memberId: number) => viewer.role === 'manager' || viewer.id === memberId;

/**
 * Evidence text: a plain note (citations like "arXiv:2104.08821" included), or an http(s) link.
 * Link-like values with another scheme (javascript:, data:, ftp://…) are refused so the user learns
 * at once that only http(s) links become clickable.
 */
export function evidenceProblem(text: string): 'errors.url' | null {
  const scheme = /^([a-z][a-z0-9+.-]*):(\/\/)?\S/i.exec(text);
  if (!scheme) return null;
  const name = scheme[1].toLowerCase();
  if (name === 'http' || name === 'https') {
    try {
      new URL(text.split(/\s/)[0]);
      return null;
    } catch {
      return 'errors.url';
    }
  }
  return scheme[2] || ['javascript', 'data', 'vbscript', 'file', 'blob'].includes(name) ? 'errors.url' : null;
}

/** The http(s) links inside a piece of text, split into plain parts and link parts for rendering. */
export function linkify(text: string): Array<{ text: string; href?: string }> {
  const parts: Array<{ text: string; href?: string }> = [];
  let last = 0;
  for (const m of text.matchAll(/https?:\/\/[^\s<>"']+/gi)) {
    // Trailing punctuation belongs to the sentence, not the link.
    const url = m[0].replace(/[).,;:!?]+$/, '');
    const start = m.index ?? 0;
    let href: string | undefined;
    try {
      const u = new URL(url);
      if (u.protocol === 'http:' || u.protocol === 'https:') href = u.href;
    } catch {
      href = undefined;
    }
    if (!href) continue;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: url, href });
    last = start + url.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
