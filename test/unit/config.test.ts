import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, oidcSettings } from '../../src/config.ts';

describe('configuration', () => {
  it('defaults to port 3000 and a local file database', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_URL).toBe('file:data/pairwise.db');
    expect(c.NODE_ENV).toBe('development');
  });

  it('accepts a remote libSQL server with its token', () => {
    const c = loadConfig({ DATABASE_URL: 'libsql://pairwise-team.turso.io', DATABASE_AUTH_TOKEN: 'tok', NODE_ENV: 'production' });
    expect(c.DATABASE_URL).toBe('libsql://pairwise-team.turso.io');
    expect(c.DATABASE_AUTH_TOKEN).toBe('tok');
  });

  it('says which variable is wrong and why', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x' })).toThrow(/DATABASE_URL: must start with file:/);
    expect(() => loadConfig({ NODE_ENV: 'staging' })).toThrow(/NODE_ENV/);
    expect(() => loadConfig({ DATABASE_URL: 'libsql://db.example', NODE_ENV: 'production' })).toThrow(/DATABASE_AUTH_TOKEN: is required/);
    expect(() => loadConfig({ DATABASE_URL: 'libsql://db.example', DATABASE_SYNC_URL: 'libsql://db.example' })).toThrow(/DATABASE_SYNC_URL/);
  });

  it('reads the notice channels and says what is wrong with them', () => {
    const c = loadConfig({ SMTP_URL: 'smtp://u:p@mail.example.com:587', MAIL_FROM: 'Pairwise <pairwise@example.com>', WEBHOOK_URL: 'https://wh.jandi.com/connect-api/webhook/1/x', WEBHOOK_KIND: 'jandi' });
    expect([c.SMTP_URL, c.MAIL_FROM, c.WEBHOOK_KIND, c.NOTICE_LEASE_SECONDS]).toEqual(['smtp://u:p@mail.example.com:587', 'Pairwise <pairwise@example.com>', 'jandi', 120]);
    expect(loadConfig({}).WEBHOOK_KIND).toBe('slack');
    expect(() => loadConfig({ SMTP_URL: 'mail.example.com' })).toThrow(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ address/);
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example.com' })).toThrow(/MAIL_FROM: is required with SMTP_URL/);
    expect(() => loadConfig({ MAIL_FROM: 'not an address' })).toThrow(/MAIL_FROM: must be an e-mail address/);
    expect(() => loadConfig({ WEBHOOK_URL: 'ftp://hooks.example.com' })).toThrow(/WEBHOOK_URL/);
    expect(() => loadConfig({ WEBHOOK_KIND: 'teams' })).toThrow(/WEBHOOK_KIND: must be slack or jandi/);
    expect(() => loadConfig({ NOTICE_LEASE_SECONDS: '1' })).toThrow(/NOTICE_LEASE_SECONDS: must be at least 3/);
    expect(loadConfig({}).NOTICE_POLL_SECONDS).toBe(5);
    expect(loadConfig({ NOTICE_POLL_SECONDS: '1' }).NOTICE_POLL_SECONDS).toBe(1);
    expect(() => loadConfig({ NOTICE_POLL_SECONDS: '0' })).toThrow(/NOTICE_POLL_SECONDS: must be at least 1/);
    expect(() => loadConfig({ NOTICE_POLL_SECONDS: '2.5' })).toThrow(/NOTICE_POLL_SECONDS: must be a whole number of seconds/);
  });

  it('trusts X-Forwarded-For only when TRUST_PROXY says how many proxies stand in front', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(0);
    expect(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(0);
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(() => loadConfig({ TRUST_PROXY: 'maybe' })).toThrow(/TRUST_PROXY: must be false/);
  });

  it('speaks English by default, Korean when DEFAULT_LOCALE=ko, and nothing else', () => {
    expect(loadConfig({}).DEFAULT_LOCALE).toBe('en');
    expect(loadConfig({ DEFAULT_LOCALE: 'ko' }).DEFAULT_LOCALE).toBe('ko');
    expect(() => loadConfig({ DEFAULT_LOCALE: 'ko-KR' })).toThrow(/DEFAULT_LOCALE/);
  });

  it('places study sessions in Asia/Seoul by default, in any IANA zone the runtime knows, and refuses others', () => {
    expect(loadConfig({}).TIME_ZONE).toBe('Asia/Seoul');
    expect(loadConfig({ TIME_ZONE: 'Europe/Berlin' }).TIME_ZONE).toBe('Europe/Berlin');
    expect(loadConfig({ TIME_ZONE: 'UTC' }).TIME_ZONE).toBe('UTC');
    expect(() => loadConfig({ TIME_ZONE: 'Asia/Busan' })).toThrow(/TIME_ZONE: must be an IANA time zone/);
    expect(() => loadConfig({ TIME_ZONE: 'KST' })).toThrow(/TIME_ZONE/);
  });

  it('runs one web process by default, as many as WEB_CONCURRENCY says, and one where a database lives in one process', () => {
    expect(loadConfig({}).WEB_CONCURRENCY).toBe(1);
    expect(loadConfig({ WEB_CONCURRENCY: '1' }).WEB_CONCURRENCY).toBe(1);
    expect(loadConfig({ WEB_CONCURRENCY: ' 3 ' }).WEB_CONCURRENCY).toBe(3);
    for (const bad of ['0', '-2', '2.5', 'two', '33']) expect(() => loadConfig({ WEB_CONCURRENCY: bad }), bad).toThrow(/WEB_CONCURRENCY: must be/);
    // An in-memory database or an embedded replica: one process unless told otherwise, and refused if told otherwise.
    expect(loadConfig({ DATABASE_URL: 'file::memory:' }).WEB_CONCURRENCY).toBe(1);
    expect(loadConfig({ DATABASE_URL: 'file:replica.db', DATABASE_SYNC_URL: 'libsql://team.turso.io' }).WEB_CONCURRENCY).toBe(1);
    expect(() => loadConfig({ DATABASE_URL: 'file::memory:', WEB_CONCURRENCY: '2' })).toThrow(/WEB_CONCURRENCY: must be 1 with an in-memory database/);
    expect(() => loadConfig({ DATABASE_URL: 'file:replica.db', DATABASE_SYNC_URL: 'libsql://team.turso.io', WEB_CONCURRENCY: '2' })).toThrow(/WEB_CONCURRENCY: must be 1 with an embedded replica/);
  });

  describe('single sign-on', () => {
    const sso = { OIDC_ISSUER: 'https://sso.example.com/realms/company', OIDC_CLIENT_ID: 'pairwise', OIDC_CLIENT_SECRET: 's3cret', PUBLIC_ORIGIN: 'https://pairwise.example.com' };

    it('is off unless configured, with passwords on', () => {
      const c = loadConfig({});
      expect(oidcSettings(c)).toBeNull();
      expect(c.PASSWORD_LOGIN).toBe(true);
    });

    it('derives the callback from PUBLIC_ORIGIN, fills in the defaults and reads the lists', () => {
      expect(oidcSettings(loadConfig(sso))).toEqual({
        issuer: 'https://sso.example.com/realms/company',
        clientId: 'pairwise',
        clientSecret: 's3cret',
        redirectUri: 'https://pairwise.example.com/auth/oidc/callback',
        scopes: 'openid email profile',
        allowedDomains: [],
        managerGroup: null,
        groupsClaim: 'groups',
        providerName: null,
      });
      const c = oidcSettings(
        loadConfig({
          ...sso,
          PUBLIC_ORIGIN: undefined,
          OIDC_REDIRECT_URI: 'https://pw.example.com/auth/oidc/callback',
          OIDC_SCOPES: 'openid email profile groups',
          OIDC_ALLOWED_DOMAINS: ' Company.com, @lab.company.com ,',
          OIDC_MANAGER_GROUP: 'pairwise-managers',
          OIDC_GROUPS_CLAIM: 'realm_access.roles',
          OIDC_PROVIDER_NAME: 'Keycloak',
          PASSWORD_LOGIN: 'off',
        }),
      )!;
      expect(c.redirectUri).toBe('https://pw.example.com/auth/oidc/callback');
      expect(c.allowedDomains).toEqual(['company.com', 'lab.company.com']);
      expect([c.scopes, c.managerGroup, c.groupsClaim, c.providerName]).toEqual(['openid email profile groups', 'pairwise-managers', 'realm_access.roles', 'Keycloak']);
      expect(loadConfig({ ...sso, PASSWORD_LOGIN: 'off' }).PASSWORD_LOGIN).toBe(false);
    });

    it('is all or nothing: issuer, client id and secret together, and no other OIDC_* setting alone', () => {
      expect(() => loadConfig({ OIDC_ISSUER: sso.OIDC_ISSUER, PUBLIC_ORIGIN: sso.PUBLIC_ORIGIN })).toThrow(/OIDC_CLIENT_ID: is needed for single sign-on[\s\S]*OIDC_CLIENT_SECRET: is needed/);
      expect(() => loadConfig({ ...sso, OIDC_CLIENT_SECRET: undefined })).toThrow(/OIDC_CLIENT_SECRET: is needed for single sign-on \(OIDC_ISSUER, OIDC_CLIENT_ID are set\)/);
      expect(() => loadConfig({ OIDC_ALLOWED_DOMAINS: 'company.com' })).toThrow(/OIDC_ISSUER: is needed for single sign-on \(OIDC_ALLOWED_DOMAINS is set\)/);
    });

    it('needs a callback address: OIDC_REDIRECT_URI, or PUBLIC_ORIGIN to derive it from, ending in /auth/oidc/callback', () => {
      expect(() => loadConfig({ ...sso, PUBLIC_ORIGIN: undefined })).toThrow(/OIDC_REDIRECT_URI: is needed for single sign-on: set it to https:\/\/<your Pairwise>\/auth\/oidc\/callback, or set PUBLIC_ORIGIN/);
      expect(() => loadConfig({ ...sso, OIDC_REDIRECT_URI: 'https://pw.example.com/callback' })).toThrow(/OIDC_REDIRECT_URI: must end in \/auth\/oidc\/callback/);
      expect(() => loadConfig({ ...sso, OIDC_REDIRECT_URI: 'not a url' })).toThrow(/OIDC_REDIRECT_URI: must be the full address of the callback/);
    });

    it('speaks https, plain http only to this machine and never in production', () => {
      expect(() => loadConfig({ ...sso, OIDC_ISSUER: 'http://sso.example.com' })).toThrow(/OIDC_ISSUER: must use https:\/\/ \(http:\/\/ only for localhost or 127.0.0.1, and never in production\)/);
      expect(oidcSettings(loadConfig({ ...sso, OIDC_ISSUER: 'http://127.0.0.1:8080/realms/dev', PUBLIC_ORIGIN: 'http://localhost:3000' }))!.redirectUri).toBe('http://localhost:3000/auth/oidc/callback');
      expect(() => loadConfig({ ...sso, OIDC_ISSUER: 'http://localhost:8080', NODE_ENV: 'production' })).toThrow(/OIDC_ISSUER: must use https:\/\//);
      expect(() => loadConfig({ ...sso, PUBLIC_ORIGIN: 'http://pairwise.example.com' })).toThrow(/PUBLIC_ORIGIN: must use https:\/\/.*single sign-on returns to PUBLIC_ORIGIN\/auth\/oidc\/callback/);
      expect(() => loadConfig({ ...sso, OIDC_ISSUER: 'https://sso.example.com/?realm=x' })).toThrow(/OIDC_ISSUER: must be the issuer URL itself/);
      expect(() => loadConfig({ ...sso, OIDC_ISSUER: 'sso.example.com' })).toThrow(/OIDC_ISSUER: must be the provider's issuer URL/);
    });

    it('turns passwords off only when single sign-on is configured, and says why', () => {
      expect(() => loadConfig({ PASSWORD_LOGIN: 'off' })).toThrow(/PASSWORD_LOGIN: can be off only with single sign-on configured .*otherwise nobody could sign in/);
      expect(() => loadConfig({ ...sso, OIDC_CLIENT_ID: undefined, PASSWORD_LOGIN: 'off' })).toThrow(/PASSWORD_LOGIN: can be off only/);
      expect(() => loadConfig({ PASSWORD_LOGIN: 'sometimes' })).toThrow(/PASSWORD_LOGIN: must be on or off/);
      expect(loadConfig({ PASSWORD_LOGIN: 'ON' }).PASSWORD_LOGIN).toBe(true);
    });

    it('checks the lists and names', () => {
      expect(() => loadConfig({ ...sso, OIDC_ALLOWED_DOMAINS: 'company.com, not a domain' })).toThrow(/OIDC_ALLOWED_DOMAINS: must be e-mail domains separated by commas/);
      expect(() => loadConfig({ ...sso, OIDC_SCOPES: 'email profile' })).toThrow(/OIDC_SCOPES: must be space-separated scopes including openid/);
      expect(() => loadConfig({ ...sso, OIDC_PROVIDER_NAME: 'x'.repeat(61) })).toThrow(/OIDC_PROVIDER_NAME: must be at most 60 characters/);
    });
  });

  it('lets each API token make 120 requests a minute unless API_RATE_LIMIT says otherwise', () => {
    expect(loadConfig({}).API_RATE_LIMIT).toBe(120);
    expect(loadConfig({ API_RATE_LIMIT: '600' }).API_RATE_LIMIT).toBe(600);
    for (const bad of ['0', '-1', '1.5', 'lots', '100001']) expect(() => loadConfig({ API_RATE_LIMIT: bad }), bad).toThrow(/API_RATE_LIMIT: must be/);
  });
});
