// /api/v1: pairing rounds and work items, read through the queries the pages use.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { isoDay, UNITS_PER_POINT } from '../domain.ts';
import type { AppEnv } from '../env.ts';
import { acceptedRounds, currentDraft, type Round } from '../pairings/queries.ts';
import { listItems, peopleByIds } from '../work/queries.ts';
import { isLate } from '../work/status-flow.ts';
import { apiFailure } from './errors.ts';
import { iso, isoOrNull, paged, rowsFor } from './page.ts';
import { roundList, roundsQuery, workItemList, workItemsQuery } from './schemas.ts';
import { ERRORS, ok } from './specs.ts';

const listRounds = createRoute({
  method: 'get',
  path: '/rounds',
  tags: ['Pairing and work'],
  summary: 'Pairing rounds',
  description: 'Accepted rounds, newest first (the first is the current round), with their groups; scores and the open draft only for managers. Managers and members.',
  request: { query: roundsQuery },
  responses: { ...ok(roundList, 'A page of rounds'), ...ERRORS },
});

const listWorkItems = createRoute({
  method: 'get',
  path: '/work-items',
  tags: ['Pairing and work'],
  summary: 'Work items',
  description: 'High priority and soonest due first, as /work lists them, with owner, learning buddy and required areas. Managers and members.',
  request: { query: workItemsQuery },
  responses: { ...ok(workItemList, 'A page of work items'), ...ERRORS },
});

const points = (units: number) => units / UNITS_PER_POINT;

export const workApi = new OpenAPIHono<AppEnv>()
  .openapi(listRounds, async (c) => {
    const q = c.req.valid('query');
    const manager = c.get('user')!.role === 'manager';
    if (q.status === 'draft' && !manager) throw apiFailure(403, 'forbidden', 'The draft round is for managers: ask for status=accepted.');
    const db = c.get('db');
    let rounds: Round[];
    if (q.status === 'draft') {
      const draft = await currentDraft(db);
      rounds = draft && q.offset === 0 ? [draft] : [];
    } else rounds = await acceptedRounds(db, rowsFor(q).limit, q.offset);
    const names = await peopleByIds(db, [...new Set(rounds.flatMap((r) => [...r.groups.flatMap((g) => g.members.map((m) => m.userId)), ...(r.acceptedBy ? [r.acceptedBy] : [])]))]);
    const named = (id: number) => ({ id, name: names.get(id)?.name ?? '' });
    const shown = rounds.map((r) => ({
      id: r.id,
      status: r.status as 'accepted' | 'draft',
      createdAt: iso(r.createdAt),
      acceptedAt: isoOrNull(r.acceptedAt),
      acceptedBy: r.acceptedBy === null ? null : named(r.acceptedBy),
      note: r.note,
      score: manager ? points(r.groups.reduce((sum, g) => sum + g.scoreUnits, 0)) : null,
      groups: r.groups.map((g) => ({
        position: g.position,
        kind: g.kind,
        areaId: g.areaId,
        score: manager ? points(g.scoreUnits) : null,
        members: g.members.map((m) => ({ ...named(m.userId), role: m.role })),
      })),
    }));
    return c.json(roundList.parse(paged(shown, q)), 200);
  })
  .openapi(listWorkItems, async (c) => {
    const q = c.req.valid('query');
    const today = isoDay(c.get('now')());
    const items = await listItems(c.get('db'), { cycleId: q.cycleId, status: q.status, kind: q.kind, ownerId: q.ownerId, areaId: q.areaId }, rowsFor(q));
    const person = (id: number | null, name: string | null) => (id === null ? null : { id, name: name ?? '' });
    const shown = items.map((i) => ({
      id: i.id,
      title: i.title,
      description: i.description,
      kind: i.kind,
      feeds: i.feeds,
      dealId: i.dealId,
      effort: i.effort,
      priority: i.priority,
      dueDate: i.dueDate,
      status: i.status,
      late: isLate(i, today),
      cycleId: i.cycleId,
      owner: person(i.ownerId, i.ownerName),
      buddy: person(i.buddyId, i.buddyName),
      requirements: i.requirements,
      createdAt: iso(i.createdAt),
      updatedAt: iso(i.updatedAt),
    }));
    return c.json(workItemList.parse(paged(shown, q)), 200);
  });
