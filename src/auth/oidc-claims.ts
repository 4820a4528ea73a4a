// What Pairwise reads from a provider's claims: who (issuer + sub), the e-mail and whether it is verified,
// a display name and language for a new member, and the groups that may grant the manager role.
import { isLocale } from '../domain.ts';

export type Identity = {
  sub: string;
  email: string | null;
  emailVerified: boolean;
  name: string;
  locale: string;
  groups: string[];
};

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

/**
 * A claim by name; a name with dots that is not itself a claim is read as a path into nested objects
 * (Keycloak's `realm_access.roles`), so namespaced names like `https://example.com/groups` still work.
 */
export function claimAt(claims: Record<string, unknown>, name: string): unknown {
  if (name in claims) return claims[name];
  let at: unknown = claims;
  for (const part of name.split('.')) {
    if (!at || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

export function identityOf(claims: Record<string, unknown>, groupsClaim: string): Identity {
  const email = text(claims.email)?.toLowerCase() ?? null;
  const groups = claimAt(claims, groupsClaim);
  const given = [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ');
  const name = text(claims.name) ?? (given || null) ?? text(claims.preferred_username) ?? email?.split('@')[0] ?? 'Member';
  const locale = text(claims.locale)?.slice(0, 2).toLowerCase() ?? '';
  return {
    sub: String(claims.sub),
    email,
    // Some providers send the string "true"; anything else (absent, false, "false") is not verified.
    emailVerified: claims.email_verified === true || claims.email_verified === 'true',
    name: name.slice(0, 100),
    locale: isLocale(locale) ? locale : '',
    groups: (Array.isArray(groups) ? groups : typeof groups === 'string' ? [groups] : []).filter((g): g is string => typeof g === 'string'),
  };
}

/** Whether the groups name the manager group; Keycloak's full group paths (`/pairwise-managers`) count too. */
export const inGroup = (groups: string[], group: string) => groups.some((g) => g === group || g === `/${group}`);

/** The lower-case domain of an e-mail address. */
export const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();
