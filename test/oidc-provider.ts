// A real OpenID provider for the tests: `oidc-provider` on a free loopback port with one confidential test client,
// test accounts (verified and unverified e-mails, a groups claim), a store the tests can expire, and a
// cookie-keeping driver of its development login and consent forms for HTTP tests.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { OidcSettings } from '../src/config.ts';

export type TestAccount = { sub: string; email: string; email_verified: boolean; name: string; groups?: string[]; locale?: string };

/** The accounts every test provider starts with; a test may add or change accounts in `provider.accounts`. */
export const TEST_ACCOUNTS: TestAccount[] = [
  { sub: 'alice-sub', email: 'Alice@Team.test', email_verified: true, name: 'Alice Kim' },
  { sub: 'bob-sub', email: 'bob@team.test', email_verified: true, name: 'Bob Lee' },
  { sub: 'mina-sub', email: 'manager@team.test', email_verified: true, name: 'Mina Manager', groups: ['pairwise-managers'] },
  { sub: 'unverified-sub', email: 'alice@team.test', email_verified: false, name: 'Not Alice' },
  { sub: 'stranger-sub', email: 'stranger@elsewhere.test', email_verified: true, name: 'Stranger' },
  { sub: 'newcomer-sub', email: 'newcomer@team.test', email_verified: true, name: '신입 한', groups: ['pairwise-managers'], locale: 'ko' },
  { sub: 'partner-sub', email: 'pat.partner@partner.test', email_verified: true, name: 'Pat Partner' },
];

type Payload = Record<string, unknown> & { exp?: number; grantId?: string; uid?: string; userCode?: string };

/** oidc-provider's storage interface over one Map, so a test can age what the provider stored. */
function storeAdapter(store: Map<string, Payload>) {
  return (model: string) => {
    const key = (id: string) => `${model}:${id}`;
    return {
      async upsert(id: string, payload: Payload) {
        store.set(key(id), payload);
      },
      async find(id: string) {
        return store.get(key(id));
      },
      async findByUid(uid: string) {
        return [...store.entries()].find(([k, p]) => k.startsWith(`${model}:`) && p.uid === uid)?.[1];
      },
      async findByUserCode(code: string) {
        return [...store.entries()].find(([k, p]) => k.startsWith(`${model}:`) && p.userCode === code)?.[1];
      },
      async consume(id: string) {
        const p = store.get(key(id));
        if (p) p.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id: string) {
        store.delete(key(id));
      },
      async revokeByGrantId(grantId: string) {
        for (const [k, p] of store) if (p.grantId === grantId) store.delete(k);
      },
    };
  };
}

export type TestProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, TestAccount>;
  /** The settings the app under test uses to sign in here (its callback at `redirectUri`). */
  settings: (extra?: Partial<OidcSettings>) => OidcSettings;
  /** Makes every stored artefact of a kind ('Session', 'AuthorizationCode', …) expired, as if time had passed. */
  expire: (model: string) => void;
  /** The next token response carries an ID token whose signature is broken (as if forged or altered on the way). */
  corruptNextIdToken: () => void;
  close: () => Promise<void>;
};

/**
 * Starts a provider on 127.0.0.1 with a random free port. `redirectUri` is the app's callback;
 * `postLogoutRedirectUri` the page the provider returns to after its sign-out.
 */
export async function startProvider(opts: { redirectUri: string; postLogoutRedirectUri: string; accounts?: TestAccount[] }): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map((opts.accounts ?? TEST_ACCOUNTS).map((a) => [a.sub, { ...a }]));
  const store = new Map<string, Payload>();
  const clientId = 'pairwise-test';
  const clientSecret = randomBytes(24).toString('base64url');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        client_name: 'Pairwise',
        redirect_uris: [opts.redirectUri],
        post_logout_redirect_uris: [opts.postLogoutRedirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    adapter: storeAdapter(store),
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'locale', 'groups'] },
    async findAccount(_ctx: unknown, sub: string) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ ...account }) };
    },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true, logoutSource } },
    pkce: { required: () => true },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    renderError(ctx: { type: string; body: string }, out: Record<string, string>) {
      ctx.type = 'html';
      ctx.body = `<!doctype html><title>Provider error</title><pre>${Object.entries(out).map(([k, v]) => `${k}: ${v}`).join('\n')}</pre>`;
    },
  });
  const handle = provider.callback();
  let corrupt = false;
  server.on('request', (req, res) => {
    if (corrupt && req.url?.startsWith('/token')) {
      corrupt = false;
      const end = res.end.bind(res);
      // Koa sends the JSON body in one end() call: change one character of the ID token's signature.
      res.end = ((chunk: unknown, ...rest: unknown[]) => {
        const body = JSON.parse(String(chunk));
        const sig = body.id_token.slice(body.id_token.lastIndexOf('.') + 1);
        body.id_token = body.id_token.slice(0, -sig.length) + (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
        res.setHeader('Content-Length', Buffer.byteLength(JSON.stringify(body)));
        return end(JSON.stringify(body), ...(rest as []));
      }) as typeof res.end;
    }
    handle(req, res);
  });

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    settings: (extra = {}) => ({
      issuer,
      clientId,
      clientSecret,
      redirectUri: opts.redirectUri,
      scopes: 'openid email profile',
      allowedDomains: [],
      managerGroup: null,
      groupsClaim: 'groups',
      providerName: null,
      ...extra,
    }),
    expire: (model) => {
      for (const [k, p] of store) if (k.startsWith(`${model}:`)) p.exp = Math.floor(Date.now() / 1000) - 60;
    },
    corruptNextIdToken: () => {
      corrupt = true;
    },
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

/** The provider's sign-out question, plain: one form the test (or the person) confirms. */
async function logoutSource(ctx: { body: string }, form: string) {
  ctx.body = `<!doctype html><title>Sign out</title><h1>Sign out of the test provider?</h1>${form}<button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>`;
}

/**
 * A browser's view of the provider for HTTP tests: keeps the provider's cookies, follows its redirects,
 * fills the development login form (`login` = the account's sub) and confirms the consent form, until
 * the provider sends the browser elsewhere (the app's callback); that address is returned.
 */
export class ProviderBrowser {
  private cookies = new Map<string, string>();
  /** The forms the last sign-in went through ('login', 'consent'): none when the provider's session sufficed. */
  prompts: string[] = [];
  constructor(private issuer: string) {}

  private keep(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const gone = !value || attrs.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0\b/i.test(a));
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private async go(url: URL, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('Cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.keep(res);
    return res;
  }

  /** Walks from the authorization URL to the app's callback; `abort` cancels at the first form instead. */
  async signIn(authorizeUrl: string, opts: { login: string; abort?: boolean }): Promise<URL> {
    let url = new URL(authorizeUrl);
    let res = await this.go(url);
    this.prompts = [];
    for (let step = 0; step < 12; step++) {
      if (res.status >= 300 && res.status < 400) {
        url = new URL(res.headers.get('location')!, url);
        if (url.origin !== new URL(this.issuer).origin) return url;
        res = await this.go(url);
        continue;
      }
      const html = await res.text();
      if (res.status !== 200) throw new Error(`provider answered ${res.status}: ${html.slice(0, 500)}`);
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      if (!action || !prompt) throw new Error(`no login or consent form at ${url}: ${html.slice(0, 500)}`);
      this.prompts.push(prompt);
      if (opts.abort) {
        res = await this.go(new URL(/href="([^"]*abort)"/.exec(html)![1], url));
        continue;
      }
      const body = new URLSearchParams(prompt === 'login' ? { prompt, login: opts.login, password: 'any' } : { prompt });
      res = await this.go(new URL(action.replace(/&amp;/g, '&'), url), { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    }
    throw new Error('the provider kept redirecting');
  }

  /** Confirms the provider's sign-out page at `endSessionUrl`; returns where the provider sends the browser then. */
  async signOut(endSessionUrl: string): Promise<URL> {
    let url = new URL(endSessionUrl);
    const page = await this.go(url);
    const html = await page.text();
    const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
    if (!form) throw new Error(`no sign-out form: ${html.slice(0, 500)}`);
    const body = new URLSearchParams([...form[2].matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    body.set('logout', 'yes');
    let res = await this.go(new URL(form[1], url), { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    for (let step = 0; step < 5 && res.status >= 300 && res.status < 400; step++) {
      url = new URL(res.headers.get('location')!, url);
      if (url.origin !== new URL(this.issuer).origin) return url;
      res = await this.go(url);
    }
    throw new Error(`the provider's sign-out ended at ${res.status} ${url}`);
  }
}
