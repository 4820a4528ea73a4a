// Hostile input: every route of the access table, as every role, with random and nasty values (fast-check).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ACCESS } from '../../src/auth/access.ts';
import type { App } from '../../src/app.tsx';
import type { Db } from '../../src/db/client.ts';
import { createSession } from '../../src/auth/sessions.ts';
import { hashToken } from '../../src/auth/tokens.ts';
import { createPasswordLink } from '../../src/members/queries.ts';
import { Client } from '../helpers.ts';
import { demoWorld } from './proc.ts';

/** Must never reach a page unescaped; escaped it reads `&lt;x-pw-evil&gt;`. */
const MARKER = '<x-pw-evil>';
const RUNS_PER_ROUTE = 5;

const ROLES = ['anonymous', 'member', 'otherMember', 'manager', 'partner'] as const;
type Role = (typeof ROLES)[number];
const EMAILS: Record<Exclude<Role, 'anonymous'>, string> = {
  member: 'mina@demo.local',
  otherMember: 'joon@demo.local',
  manager: 'manager@demo.local',
  partner: 'partner@demo.local',
};

let cleanup: () => void;
let db: Db;
let app: App;
const people = {} as Record<Exclude<Role, 'anonymous'>, { id: number; role: string; partnerId: number | null; token: string }>;
/** Real ids per route parameter (first the most useful one). */
const realIds: Record<string, string[]> = {};
/** Fields of the forms that post to each route, scraped from the pages: values seen, and whether free text. */
type FieldInfo = { values: string[]; text: boolean };
const formsOf = new Map<string, Map<string, FieldInfo>>();

async function ids(sqlText: string): Promise<string[]> {
  try {
    return (await db.$client.execute(sqlText)).rows.map((r) => String(r[0]));
  } catch {
    return [];
  }
}

/** Counts every row written, per table, with triggers: a cheap and exact "did anything change". */
async function installChangeCounters() {
  const tables = (await db.$client.execute("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")).rows.map((r) => String(r[0]));
  await db.$client.execute('create table pw_changes (tbl text primary key, n integer not null)');
  for (const t of tables) {
    await db.$client.execute({ sql: 'insert into pw_changes values (?, 0)', args: [t] });
    for (const op of ['insert', 'update', 'delete']) {
      await db.$client.execute(`create trigger "pw_${t}_${op}" after ${op} on "${t}" begin update pw_changes set n = n + 1 where tbl = '${t}'; end`);
    }
  }
}
const changeCounts = async () => new Map((await db.$client.execute('select tbl, n from pw_changes')).rows.map((r) => [String(r[0]), Number(r[1])]));

/** Puts the fixture people back as they were (a fuzzed request may have deactivated or demoted one) and signed in. */
async function restorePeople() {
  for (const p of Object.values(people)) {
    await db.$client.execute({ sql: 'update users set role = ?, active = 1, partner_id = ? where id = ? and (role <> ? or active <> 1 or partner_id is not ?)', args: [p.role, p.partnerId, p.id, p.role, p.partnerId] });
    const live = await db.$client.execute({ sql: 'select 1 from sessions where token_hash = ? and expires_at > ?', args: [hashToken(p.token), Date.now()] });
    if (live.rows.length === 0) p.token = (await createSession(db, p.id, new Date())).token;
  }
}

function clientFor(role: Role): Client {
  const c = new Client(app);
  if (role !== 'anonymous') c.cookie = `pairwise_session=${people[role].token}`;
  return c;
}

/** A concrete path for a pattern with the chosen parameter values. */
const fill = (pattern: string, params: Record<string, string>) => pattern.replace('/*', '/app.css').replace(/:(\w+)/g, (_, n: string) => encodeURIComponent(params[n] ?? '1'));

/** The pattern of the access table that a concrete form action posts to, if any. */
function routeOfAction(action: string): string | undefined {
  const path = action.split('?')[0];
  return Object.keys(ACCESS)
    .filter((r) => r.startsWith('POST '))
    .find((r) => new RegExp('^' + r.slice(5).replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, '[^/]+') + '$').test(path));
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Records the fields of every form on a page under the route it posts to. */
function scrapeForms(html: string) {
  for (const [, open, inner] of html.matchAll(/<form(\s[^>]*)>([\s\S]*?)<\/form>/g)) {
    if (attr(open, 'method')?.toLowerCase() !== 'post') continue;
    const actions = [attr(open, 'action'), ...[...inner.matchAll(/\sformaction="([^"]*)"/g)].map((m) => m[1])].filter((a): a is string => Boolean(a));
    for (const action of actions) {
      const route = routeOfAction(unescape(action));
      if (!route) continue;
      const fields = formsOf.get(route) ?? new Map<string, FieldInfo>();
      const field = (name: string) => fields.get(name) ?? fields.set(name, { values: [], text: false }).get(name)!;
      for (const [tag, kind] of inner.matchAll(/<(input|textarea|button)\s[^>]*>/g)) {
        const name = attr(tag, 'name');
        if (!name) continue;
        const f = field(name);
        const value = attr(tag, 'value');
        if (value !== undefined && f.values.length < 8) f.values.push(unescape(value));
        const type = attr(tag, 'type') ?? 'text';
        if (kind === 'textarea' || (kind === 'input' && ['text', 'search', 'url'].includes(type))) f.text = true;
      }
      for (const [, name, options] of inner.matchAll(/<select\s[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
        const f = field(name);
        for (const [, v] of options.matchAll(/<option[^>]*value="([^"]*)"/g)) if (f.values.length < 12) f.values.push(unescape(v));
      }
      formsOf.set(route, fields);
    }
  }
}

beforeAll(async () => {
  ({ db, app, cleanup } = await demoWorld());
  for (const [role, email] of Object.entries(EMAILS) as Array<[Exclude<Role, 'anonymous'>, string]>) {
    const row = (await db.$client.execute({ sql: 'select id, role, partner_id from users where email = ?', args: [email] })).rows[0];
    people[role] = { id: Number(row[0]), role: String(row[1]), partnerId: row[2] === null ? null : Number(row[2]), token: (await createSession(db, Number(row[0]), new Date())).token };
  }
  const [pairingRound, circle, workItem, cycle, run, deal, partner] = await Promise.all([
    ids("select id from pairing_rounds order by status = 'draft' desc, id desc limit 2"),
    ids('select id from study_circles order by id limit 2'),
    ids('select id from work_items order by id limit 2'),
    ids('select id from work_cycles order by id limit 2'),
    ids('select id from plan_runs order by id limit 2'),
    ids(`select id from deals where partner_id = ${people.partner.partnerId ?? 0} order by id limit 1`),
    ids('select id from partners order by id limit 2'),
  ]);
  const otherDeal = await ids(`select id from deals where partner_id <> ${people.partner.partnerId ?? 0} order by id limit 1`);
  Object.assign(realIds, {
    'members:id': [String(people.member.id), String(people.otherMember.id), String(people.manager.id), String(people.partner.id)],
    areaId: await ids('select id from areas order by id limit 2'),
    'areas:id': await ids('select id from areas order by id limit 2'),
    'rounds:id': pairingRound,
    'circles:id': circle,
    'items:id': workItem,
    'cycles:id': cycle,
    'runs:id': run,
    'deals:id': [...deal, ...otherDeal],
    itemId: await ids(`select id from deal_items where deal_id = ${deal[0] ?? 0} order by id limit 2`),
    'partners:id': partner,
    userId: [String(people.partner.id)],
    token: [await createPasswordLink(db, people.otherMember.id, new Date())],
  });
  // Learn each form's fields from the pages every role sees.
  for (const role of ['anonymous', 'manager', 'member', 'partner'] as const) {
    for (const route of Object.keys(ACCESS).filter((r) => r.startsWith('GET '))) {
      const res = await clientFor(role).get(fill(route.slice(4), defaultParams(route)));
      if ((res.headers.get('content-type') ?? '').includes('html')) scrapeForms(await res.text());
    }
  }
  await installChangeCounters();
}, 120_000);

afterAll(() => cleanup?.());

/** The key into realIds of a parameter: `:id` depends on the resource before it. */
function idKey(pattern: string, param: string): string {
  if (param !== 'id') return param;
  const segments = pattern.split('/');
  return `${segments[segments.indexOf(':id') - 1]}:id`;
}
const paramsOf = (pattern: string) => [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1]);
const defaultParams = (route: string) => Object.fromEntries(paramsOf(route).map((p) => [p, realIds[idKey(route, p)]?.[0] ?? '1']));

const NASTY = [
  MARKER,
  `"><x-pw-evil onmouseover=alert(1)>`,
  `'><x-pw-evil>`,
  `</textarea>${MARKER}`,
  `<script>alert(1)</script>${MARKER}`,
  `javascript:alert(1)//${MARKER}`,
  "' OR 1=1 --",
  "1; DROP TABLE users; --",
  '1 UNION SELECT password_hash FROM users',
  '\u0000',
  '\u0000\u0001\u0007\u001b[31m\u007f',
  '\r\n\r\nSet-Cookie: x=1',
  '\u202eevil\u202c',
  '\ud800',
  '𝕏😀👩‍👩‍👧‍👦',
  '김민아',
  'ـ'.repeat(50),
  ' ',
  '',
  '-1',
  '0',
  '6',
  '1e3',
  '0x10',
  '3.5',
  'NaN',
  '999999999999999999999',
  '2026-02-30',
  '9999-99-99',
  'null',
  'undefined',
  '[object Object]',
  '{"a":1}',
  '%00%3Cx-pw-evil%3E',
  '../../etc/passwd',
  '//evil.example/',
  'https://evil.example/',
];
/** At most one huge value per request (they are slow to build and parse, and one is enough). */
const HUGE = [MARKER.repeat(30_000), 'x'.repeat(1_100_000)];

const nastyValue = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }).map((s) => `${s}${MARKER}`) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.integer({ min: -5, max: 100_000 }).map(String) },
);

/** A param value: mostly real ids (including other people's), sometimes garbage. */
const paramValue = (route: string, param: string) => {
  const real = realIds[idKey(route, param)] ?? [];
  const junk = fc.constantFrom('0', '-1', '999999', '1e3', 'abc', MARKER, "1' OR '1'='1", 'x'.repeat(300), '9'.repeat(30));
  return real.length ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...real) }, { weight: 1, arbitrary: junk }) : junk;
};

type Body = { kind: 'form' | 'multipart' | 'json' | 'text'; fields: Array<[string, string]> };

/**
 * A form for a route, in one of two moods. Hostile: its real fields with real or nasty values, some
 * dropped, some duplicated, unknown ones added, sometimes one huge value, in any encoding. Plausible:
 * the values the page offered, with the marker (and odd Unicode) in every free-text field, so the
 * write goes through and every page that later shows the value is checked for escaping.
 */
function formFor(route: string): fc.Arbitrary<Body> {
  const known = formsOf.get(route) ?? new Map<string, FieldInfo>();
  const names = [...known.keys()];
  const seenValue = (name: string) => {
    const seen = known.get(name)!.values.filter((v) => v.length < 2000);
    return seen.length ? fc.constantFrom(...seen) : fc.constant('');
  };
  const hostileValue = (name: string) => fc.oneof({ weight: 2, arbitrary: seenValue(name) }, { weight: 3, arbitrary: nastyValue });
  const plausibleValue = (name: string) =>
    known.get(name)!.text ? fc.tuple(seenValue(name), fc.constantFrom(...NASTY.slice(0, 6), '김민아 𝕏', '\u202e')).map(([v, evil]) => `${evil} ${v}`.slice(0, 60)) : seenValue(name);
  const fieldsFrom = (value: (name: string) => fc.Arbitrary<string>) =>
    names.length ? fc.tuple(...names.map((n) => fc.tuple(fc.constant(n), value(n), fc.nat(9)))) : fc.constant([] as Array<[string, string, number]>);
  const hostile = fc
    .record({
      base: fieldsFrom(hostileValue),
      extra: fc.array(fc.tuple(fc.constantFrom('name', 'version', 'id', 'role', 'userId', '__proto__', 'constructor', MARKER), nastyValue), { maxLength: 2 }),
      kind: fc.constantFrom('form', 'form', 'form', 'form', 'multipart', 'json', 'text'),
      huge: fc.option(fc.constantFrom(...HUGE), { freq: 8 }),
    })
    .map(({ base, extra, kind, huge }) => {
      const fields: Array<[string, string]> = [];
      for (const [name, value, dice] of base) {
        if (dice === 0) continue; // missing field
        fields.push([name, dice === 2 && huge ? huge : value]);
        if (dice === 1) fields.push([name, value + MARKER]); // duplicated field
      }
      return { kind: kind as Body['kind'], fields: [...fields, ...extra] };
    });
  const plausible = fieldsFrom(plausibleValue).map((base) => ({ kind: 'form' as const, fields: base.map(([n, v]) => [n, v] as [string, string]) }));
  return names.length ? fc.oneof({ weight: 2, arbitrary: hostile }, { weight: 1, arbitrary: plausible }) : hostile;
}

function encode(body: Body): { body: BodyInit; headers: Record<string, string> } {
  if (body.kind === 'multipart') {
    const data = new FormData();
    for (const [k, v] of body.fields) data.append(k, v);
    return { body: data, headers: {} };
  }
  if (body.kind === 'json') return { body: JSON.stringify(Object.fromEntries(body.fields.map(([k, v]) => [k, [v, 1, null, { v }]]))), headers: { 'Content-Type': 'application/json' } };
  if (body.kind === 'text') return { body: body.fields.map(([k, v]) => `${k}=${v}`).join('\n'), headers: { 'Content-Type': 'text/plain' } };
  return { body: new URLSearchParams(body.fields), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } };
}

/** Tables a refused request may still write: failed sign-ins and wrong current passwords are counted on purpose. */
const mayWriteWhenRefused = (route: string) => (route === 'POST /login' || route === 'POST /profile/password' ? ['login_attempts'] : []);

describe('hostile input on every route, as every role', () => {
  for (const route of Object.keys(ACCESS)) {
    const [method, pattern] = route.split(' ');
    it(route, async () => {
      const rule = ACCESS[route];
      const allowed = rule === 'public' ? [...ROLES] : ROLES.filter((r) => r !== 'anonymous' && (rule.roles.includes(people[r].role as never) || (rule.self && r === 'member')));
      const request = fc.record({
        // Mostly roles that get past the access guard (so the handlers see the input), sometimes any role.
        role: allowed.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...allowed) }, { weight: 1, arbitrary: fc.constantFrom(...ROLES) }) : fc.constantFrom(...ROLES),
        params: fc.record(Object.fromEntries(paramsOf(pattern).map((p) => [p, paramValue(pattern, p)]))) as fc.Arbitrary<Record<string, string>>,
        query: fc.array(fc.tuple(fc.constantFrom('q', 'sort', 'view', 'back', 'next', 'status', 'area', 'min', 'category', 'interest', 'partner', 'owner', 'inactive', MARKER), nastyValue), { maxLength: 3 }),
        body: method === 'POST' ? formFor(route) : fc.constant(null),
        htmx: fc.boolean(),
      });
      await fc.assert(
        fc.asyncProperty(request, async ({ role, params, query, body, htmx }) => {
          await restorePeople();
          const before = await changeCounts();
          const path = fill(pattern, params) + (query.length ? `?${new URLSearchParams(query)}` : '');
          const init = body ? encode(body) : { headers: {} as Record<string, string> };
          const res = await clientFor(role).request(path, { method, ...init, htmx });
          const text = await res.text();
          const where = `${role} ${method} ${path.slice(0, 200)} → ${res.status}`;
          expect(res.status, `${where}\n${text.slice(0, 500)}`).toBeLessThan(500);
          if ((res.headers.get('content-type') ?? '').includes('html')) {
            const at = text.toLowerCase().indexOf('<x-pw-evil');
            expect(at, `${where}: unescaped input in the page: …${text.slice(Math.max(0, at - 200), at + 100)}…`).toBe(-1);
          }
          if (res.status >= 400 || (role === 'anonymous' && ACCESS[route] !== 'public')) {
            const after = await changeCounts();
            const written = [...after].filter(([t, n]) => n !== before.get(t) && !mayWriteWhenRefused(route).includes(t)).map(([t]) => t);
            expect(written, `${where}: a refused request wrote to the database`).toEqual([]);
          }
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
    });
  }

  it('shows nothing stored by the runs above unescaped, on any page, to any role', async () => {
    for (const role of ['manager', 'member', 'partner'] as const) {
      await restorePeople();
      for (const route of Object.keys(ACCESS).filter((r) => r.startsWith('GET '))) {
        const res = await clientFor(role).get(fill(route.slice(4), defaultParams(route)));
        const text = await res.text();
        expect(res.status, `${role} ${route}`).toBeLessThan(500);
        if ((res.headers.get('content-type') ?? '').includes('html')) expect(text.toLowerCase(), `${role} ${route}`).not.toContain('<x-pw-evil');
      }
    }
  });

  it('learned the fields of the forms it attacks', () => {
    // A sanity check that the scraping found real forms, so the property runs are not all "unknown route" noise.
    for (const route of ['POST /members', 'POST /areas', 'POST /profile', 'POST /members/:id/ratings/:areaId']) {
      expect(formsOf.get(route)?.size ?? 0, route).toBeGreaterThan(0);
    }
  });
});
