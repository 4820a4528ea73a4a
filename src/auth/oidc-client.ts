// Talks to the single sign-on provider through openid-client: discovery (cached), the authorization
// URL, the code exchange with its checks, the userinfo claims and the provider's sign-out URL.
import * as oidc from 'openid-client';
import { isLoopback, type OidcSettings } from '../config.ts';

/** The provider did not answer (down, unreachable, timed out, or a 5xx): nobody's fault but its own. */
export class ProviderUnreachable extends Error {}
/** The provider answered, but the answer fails a check (state, nonce, PKCE, signature, a used code…). */
export class SignInRejected extends Error {}

/** Seconds each request to the provider may take. */
const REQUEST_TIMEOUT_S = 5;
/** How long a discovered configuration is used before it is fetched again (the keys refresh on their own). */
const DISCOVERY_TTL_MS = 60 * 60 * 1000;
/** A longer ID token is not kept for sign-out (a provider that packs hundreds of groups into it). */
const MAX_KEPT_ID_TOKEN = 16 * 1024;

export type Checks = { state: string; nonce: string; codeVerifier: string };
export type SignInResult = { claims: Record<string, unknown>; idToken: string | null };

/** Whether an error means the provider could not be reached or failed on its side. */
function unreachable(err: unknown): boolean {
  if (err instanceof ProviderUnreachable) return true;
  if (err instanceof oidc.ResponseBodyError) return err.status >= 500;
  if (err instanceof oidc.ClientError && err.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM') return !(err.cause instanceof Response) || err.cause.status >= 500;
  if (err instanceof TypeError && err.message === 'fetch failed') return true;
  const name = (err as Error | undefined)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

/** The first line of what went wrong, with the innermost cause: for the log, never for the page. */
export function describe(err: unknown): string {
  const parts: string[] = [];
  for (let e = err as { message?: string; code?: string; error?: string; cause?: unknown } | undefined; e && parts.length < 4; e = e.cause as typeof e) {
    if (e instanceof Response) break;
    const part = [e.code, e.error, e.message].filter(Boolean).join(' ');
    if (part) parts.push(part);
  }
  return parts.join(' ← ');
}

export class OidcClient {
  private cached: { config: oidc.Configuration; at: number } | null = null;
  private discovering: Promise<oidc.Configuration> | null = null;

  constructor(readonly settings: OidcSettings) {}

  /** The provider's configuration; a failed refresh keeps using the last one that worked. */
  async configuration(): Promise<oidc.Configuration> {
    if (this.cached && Date.now() - this.cached.at < DISCOVERY_TTL_MS) return this.cached.config;
    this.discovering ??= this.discover().finally(() => (this.discovering = null));
    try {
      return await this.discovering;
    } catch (err) {
      if (this.cached) return this.cached.config;
      throw new ProviderUnreachable(`discovery of ${this.settings.issuer} failed: ${describe(err)}`, { cause: err });
    }
  }

  private async discover(): Promise<oidc.Configuration> {
    const issuer = new URL(this.settings.issuer);
    // Signatures are checked even on the token endpoint's own answer; plain http only on this machine (tests).
    const execute = [oidc.enableNonRepudiationChecks];
    if (issuer.protocol === 'http:' && isLoopback(issuer)) execute.push(oidc.allowInsecureRequests);
    const config = await oidc.discovery(issuer, this.settings.clientId, undefined, oidc.ClientSecretBasic(this.settings.clientSecret), {
      execute,
      timeout: REQUEST_TIMEOUT_S,
    });
    this.cached = { config, at: Date.now() };
    return config;
  }

  /**
   * Where to send the browser: the authorization endpoint with state, nonce and the PKCE S256 challenge.
   * Throws ProviderUnreachable, also for metadata without an authorization endpoint (a provider set up wrong).
   */
  async authorizationUrl(checks: Checks): Promise<URL> {
    const config = await this.configuration();
    try {
      return oidc.buildAuthorizationUrl(config, {
        redirect_uri: this.settings.redirectUri,
        scope: this.settings.scopes,
        state: checks.state,
        nonce: checks.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: 'S256',
      });
    } catch (err) {
      throw new ProviderUnreachable(`the metadata of ${this.settings.issuer} has no usable authorization endpoint: ${describe(err)}`, { cause: err });
    }
  }

  /**
   * Exchanges the code of the callback (`search`: its query string) and returns the person's claims: the
   * ID token's, completed from the userinfo endpoint where the provider has one (many put the e-mail and
   * groups only there). Throws ProviderUnreachable or SignInRejected.
   */
  async signIn(search: string, checks: Checks): Promise<SignInResult> {
    try {
      const config = await this.configuration();
      const callback = new URL(this.settings.redirectUri);
      callback.search = search;
      const tokens = await oidc.authorizationCodeGrant(config, callback, {
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        pkceCodeVerifier: checks.codeVerifier,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims()!;
      const userinfo = config.serverMetadata().userinfo_endpoint ? await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub) : {};
      const idToken = tokens.id_token && tokens.id_token.length <= MAX_KEPT_ID_TOKEN ? tokens.id_token : null;
      return { claims: { ...userinfo, ...idClaims }, idToken };
    } catch (err) {
      if (unreachable(err)) throw new ProviderUnreachable(`sign-in at ${this.settings.issuer} failed: ${describe(err)}`, { cause: err });
      throw new SignInRejected(describe(err), { cause: err });
    }
  }

  /**
   * The provider's sign-out address for a session signed in with `idToken`, returning to Pairwise's
   * sign-in page; null when the provider has none, cannot be reached, or keeps it on another origin
   * than the issuer (the Content-Security-Policy lets forms lead only to the issuer's origin).
   */
  async endSessionUrl(idToken: string): Promise<URL | null> {
    const config = await this.configuration().catch(() => null);
    const endpoint = config?.serverMetadata().end_session_endpoint;
    if (!config || !endpoint || new URL(endpoint).origin !== new URL(this.settings.issuer).origin) return null;
    return oidc.buildEndSessionUrl(config, {
      id_token_hint: idToken,
      post_logout_redirect_uri: this.postLogoutRedirectUri,
    });
  }

  /** Pairwise's sign-in page, on the origin of the callback (register it at the provider). */
  get postLogoutRedirectUri(): string {
    return new URL('/login', this.settings.redirectUri).href;
  }
}

export const newChecks = (): Checks => ({ state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() });

/** One client per settings, so the discovered configuration is shared by every request of an app. */
const clients = new WeakMap<OidcSettings, OidcClient>();
export function oidcClient(settings: OidcSettings): OidcClient {
  let client = clients.get(settings);
  if (!client) clients.set(settings, (client = new OidcClient(settings)));
  return client;
}
