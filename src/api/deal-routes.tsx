// /api/v1: deals with partner teams, scoped as the deals pages scope them (a partner reads only their own team's).
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { dealsWithHealth } from '../deals/page-routes.tsx';
import { getDeal, listDeals } from '../deals/queries.ts';
import { notFoundError } from './errors.ts';
import { iso, isoOrNull, paged, rowsFor } from './page.ts';
import { deal, dealList, dealsQuery, idParams } from './schemas.ts';
import { ERRORS, NOT_FOUND, ok } from './specs.ts';

const listDealsRoute = createRoute({
  method: 'get',
  path: '/deals',
  tags: ['Deals'],
  summary: 'Deals',
  description: "Newest activity first, with items and health. The team reads every deal; a partner user only their own team's. Any role.",
  request: { query: dealsQuery },
  responses: { ...ok(dealList, 'A page of deals'), ...ERRORS },
});

const getDealRoute = createRoute({
  method: 'get',
  path: '/deals/{id}',
  tags: ['Deals'],
  summary: 'One deal',
  description: "Another team's deal answers 404 to a partner user, like a deal that does not exist. Any role.",
  request: { params: idParams },
  responses: { ...ok(deal, 'The deal'), ...ERRORS, ...NOT_FOUND },
});

type Shown = Awaited<ReturnType<typeof dealsWithHealth>>[number];

const shown = (d: Shown) => ({
  id: d.id,
  title: d.title,
  summary: d.summary,
  status: d.status,
  partner: { id: d.partnerId, name: d.partnerName },
  owner: { id: d.ownerId, name: d.ownerName },
  neededBy: d.neededBy,
  committedDate: d.committedDate,
  values: { ourGive: d.ourGiveValue, ourGet: d.ourGetValue, partnerGive: d.partnerGiveValue, partnerGet: d.partnerGetValue },
  acceptedAt: isoOrNull(d.acceptedAt),
  health: { onTrack: d.health.onTrack, flags: d.health.flags },
  items: d.items.map((i) => ({
    id: i.id,
    side: i.side,
    description: i.description,
    dueDate: i.dueDate,
    done: i.done,
    doneAt: isoOrNull(i.doneAt),
    area: i.areaId === null ? null : { id: i.areaId, name: i.areaName ?? '' },
    effort: i.effort,
    members: i.members.map((m) => ({ id: m.id, name: m.name })),
  })),
  createdAt: iso(d.createdAt),
  updatedAt: iso(d.updatedAt),
});

export const dealApi = new OpenAPIHono<AppEnv>()
  .openapi(listDealsRoute, async (c) => {
    const q = c.req.valid('query');
    const rows = await listDeals(c.get('db'), c.get('user')!, { partnerId: q.partnerId }, rowsFor(q));
    return c.json(dealList.parse(paged((await dealsWithHealth(c, rows)).map(shown), q)), 200);
  })
  .openapi(getDealRoute, async (c) => {
    const found = await getDeal(c.get('db'), c.req.valid('param').id, c.get('user')!);
    if (!found) throw notFoundError();
    const [withHealth] = await dealsWithHealth(c, [found]);
    return c.json(deal.parse(shown(withHealth)), 200);
  });
