// /growth/risk (managers): the team's key people ranked by what breaks without them, and one person's full what-if.
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { idParam } from '../http/forms.ts';
import { notFound, page } from '../http/render.tsx';
import { pageSlice, parsePage } from '../matrix/filter.ts';
import { getUser, teamNames } from '../members/queries.ts';
import { nameMatches } from '../planning/skills.ts';
import { byName, collator, t } from '../../views/i18n/index.ts';
import { AlreadyLeft, RiskPage, WhatIfPage } from '../../views/growth/risk.tsx';
import { keyPeople, whatIfOf } from './risk-queries.ts';
import { breaksOf, whatIfView } from './risk-view.ts';

/** Key people a page lists, and members a search lists at most. */
const RISK_PAGE_SIZE = 20;

const riskUrl = (q: string, page: number) => {
  const s = new URLSearchParams();
  if (q) s.set('q', q);
  if (page > 1) s.set('page', String(page));
  return s.size ? `/growth/risk?${s}` : '/growth/risk';
};

export const riskRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const db = c.get('db');
    const query = new URL(c.req.url).searchParams;
    // Bookmarked and shared like the member list's search: lenient, control characters dropped, cut at 100.
    const q = (query.get('q') ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 100);
    const compare = collator().compare;
    const [{ ranked, names }, team] = await Promise.all([keyPeople(db, compare), q ? teamNames(db) : Promise.resolve([])]);
    const breaks = new Map(ranked.map((k) => [k.personId, breaksOf(k.whatIf, names)]));
    const slice = pageSlice(ranked.length, parsePage(query), RISK_PAGE_SIZE);
    const rows = ranked.slice(Math.max(0, slice.from - 1), slice.to).map((k) => ({ id: k.personId, name: k.name, breaks: breaks.get(k.personId)! }));
    const matches = q ? byName(team.filter((m) => nameMatches(m.name, q))).slice(0, RISK_PAGE_SIZE).map((m) => ({ id: m.id, name: m.name, breaks: breaks.get(m.id) ?? null })) : null;
    return page(
      c,
      t('growth.risk.title'),
      <RiskPage q={q} matches={matches} rows={rows} slice={{ ...slice, size: RISK_PAGE_SIZE }} links={{ prev: riskUrl(q, slice.page - 1), next: riskUrl(q, slice.page + 1) }} />,
      { current: '/growth' },
    );
  })
  .get('/:id', async (c) => {
    const id = idParam(c.req.param('id'));
    const member = id ? await getUser(c.get('db'), id) : null;
    if (!member || member.role === 'partner') return notFound(c);
    const person = { id: member.id, name: member.name };
    // A deactivated member has already left: everything is already counted without them.
    if (!member.active) return page(c, t('growth.whatIf.title', { name: member.name }), <AlreadyLeft person={person} />, { current: '/growth' });
    const found = await whatIfOf(c.get('db'), member.id);
    if (!found) return notFound(c);
    return page(c, t('growth.whatIf.title', { name: member.name }), <WhatIfPage {...whatIfView(person, found.whatIf, found.names)} />, { current: '/growth' });
  });
