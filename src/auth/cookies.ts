// Attributes of the cookies sign-in sets: HttpOnly, SameSite=Lax, Secure except on this machine.

/** Plain-HTTP development on this machine: cookies there cannot be Secure. */
export function isLocalUrl(url: string) {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '::1' || host === '[::1]' || host.startsWith('127.');
}

export function sessionCookieOptions(url: string, expiresAt: number) {
  return { path: '/', httpOnly: true, sameSite: 'Lax' as const, secure: !isLocalUrl(url), expires: new Date(expiresAt) };
}
