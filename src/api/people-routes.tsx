// /api/v1: the token's owner, the team's members and one member's rating history.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { getUser, teamPage } from '../members/queries.ts';
import { historyOf } from '../ratings/queries.ts';
import { seesNote } from '../ratings/rules.ts';
import { notFoundError } from './errors.ts';
import { iso, paged, rowsFor } from './page.ts';
import { historyList, historyQuery, idParams, me, member, memberList, membersQuery } from './schemas.ts';
import { ERRORS, NOT_FOUND, ok } from './specs.ts';

const getMe = createRoute({
  method: 'get',
  path: '/me',
  tags: ['People'],
  summary: "The token's owner",
  description: 'Who the token reads as: its role decides what every other endpoint answers. Any role.',
  responses: { ...ok(me, 'The person'), ...ERRORS },
});

const listMembers = createRoute({
  method: 'get',
  path: '/members',
  tags: ['People'],
  summary: 'Team members',
  description: 'Managers and members by id (partner users are not team members). Managers and members.',
  request: { query: membersQuery },
  responses: { ...ok(memberList, 'A page of members'), ...ERRORS },
});

const getMember = createRoute({
  method: 'get',
  path: '/members/{id}',
  tags: ['People'],
  summary: 'One team member',
  description: 'Deactivated members too. Managers and members.',
  request: { params: idParams },
  responses: { ...ok(member, 'The member'), ...ERRORS, ...NOT_FOUND },
});

const getHistory = createRoute({
  method: 'get',
  path: '/members/{id}/history',
  tags: ['Skills'],
  summary: "A member's rating history",
  description:
    'Every change of their ratings, newest first, as their stat card shows it: changes of the manager note only to managers and to the member. Managers and members.',
  request: { params: idParams, query: historyQuery },
  responses: { ...ok(historyList, 'A page of changes'), ...ERRORS, ...NOT_FOUND },
});

/** A team member of the route (partner users are none): 404 otherwise. */
async function teamMember(db: AppEnv['Variables']['db'], id: number) {
  const found = await getUser(db, id);
  if (!found || found.role === 'partner') throw notFoundError();
  return { ...found, role: found.role as 'manager' | 'member' };
}

export const peopleApi = new OpenAPIHono<AppEnv>()
  .openapi(getMe, (c) => c.json(me.parse(c.get('user')), 200))
  .openapi(listMembers, async (c) => {
    const q = c.req.valid('query');
    const rows = await teamPage(c.get('db'), { includeInactive: q.includeInactive, ...rowsFor(q) });
    return c.json(memberList.parse(paged(rows, q)), 200);
  })
  .openapi(getMember, async (c) => c.json(member.parse(await teamMember(c.get('db'), c.req.valid('param').id)), 200))
  .openapi(getHistory, async (c) => {
    const { id } = c.req.valid('param');
    const q = c.req.valid('query');
    const person = await teamMember(c.get('db'), id);
    const rows = await historyOf(c.get('db'), person.id, q.areaId, { withoutNotes: !seesNote(c.get('user')!, person.id), ...rowsFor(q) });
    const entries = rows.map((h) => ({
      id: h.id,
      memberId: h.userId,
      areaId: h.areaId,
      field: h.field,
      oldValue: h.oldValue,
      newValue: h.newValue,
      changedAt: iso(h.changedAt),
      changedBy: { id: h.changedBy, name: h.changedByName },
    }));
    return c.json(historyList.parse(paged(entries, q)), 200);
  });
