import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

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
});
