// The API's zod schemas: they validate every query and every answer, and the OpenAPI document is generated from them.
import { z } from '@hono/zod-openapi';
import { DEAL_STATUSES, HEALTH_FLAGS, WORK_KINDS, WORK_PRIORITIES, WORK_STATUSES } from '../domain.ts';
import { API_ERROR_CODES } from './errors.ts';

/** The most a list answers at once. */
export const MAX_LIMIT = 200;
export const DEFAULT_LIMIT = 50;
const MAX_ID = 999_999_999;

// --- query parameters -------------------------------------------------------------------------------

/** A whole number in a query string. (Coercing would also turn a null into 0, so the document says integer itself.) */
const wholeNumber = (min: number, max: number) => {
  const error = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error }).openapi({ type: 'integer', minimum: min, maximum: max });
};
const yesNo = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default(fallback)
    .transform((v) => v === 'true');
const id = (what: string) => wholeNumber(1, MAX_ID).openapi({ description: `The id of ${what}.` });

/** Every list takes these; an unknown parameter is refused (400), so a typo never silently widens an answer. */
const paging = {
  limit: wholeNumber(1, MAX_LIMIT).default(DEFAULT_LIMIT).openapi({ description: `How many to answer (1–${MAX_LIMIT}).`, default: DEFAULT_LIMIT, example: DEFAULT_LIMIT }),
  offset: wholeNumber(0, MAX_ID).default(0).openapi({ description: 'How many to skip: the previous answer\'s `page.nextOffset`.', default: 0, example: 0 }),
};
export const pageQuery = z.strictObject(paging);
export type PageQuery = z.infer<typeof pageQuery>;

export const membersQuery = z.strictObject({ ...paging, includeInactive: yesNo('false').openapi({ description: 'Also deactivated members.' }) });
export const areasQuery = z.strictObject({ ...paging, includeArchived: yesNo('false').openapi({ description: 'Also archived areas (managers only; others get 403).' }) });
export const ratingsQuery = z.strictObject({ ...paging, memberId: id('a member').optional(), areaId: id('a focus area').optional() });
export const historyQuery = z.strictObject({ ...paging, areaId: id('a focus area').optional() });
export const roundsQuery = z.strictObject({
  ...paging,
  status: z.enum(['accepted', 'draft'], { error: 'must be accepted or draft' }).default('accepted').openapi({ description: 'Accepted rounds (newest first), or the open draft (managers only; others get 403).' }),
});
export const workItemsQuery = z.strictObject({
  ...paging,
  cycleId: id('a planning cycle').optional(),
  status: z.enum(WORK_STATUSES, { error: `must be one of ${WORK_STATUSES.join(', ')}` }).optional(),
  kind: z.enum(WORK_KINDS, { error: `must be one of ${WORK_KINDS.join(', ')}` }).optional(),
  ownerId: id('the owner').optional(),
  areaId: id('a required focus area').optional(),
});
export const dealsQuery = z.strictObject({ ...paging, partnerId: id('a partner team').optional() });
export const idParams = z.strictObject({ id: id('the record').openapi({ param: { name: 'id', in: 'path' } }) });

// --- answers ----------------------------------------------------------------------------------------

const instant = z.iso.datetime().openapi({ description: 'An instant, ISO 8601 in UTC.', example: '2026-11-02T09:00:00.000Z' });
const day = z.iso.date().openapi({ description: 'A calendar day.', example: '2026-12-01' });
const level = z.number().int().min(0).max(5);
const interest = z.number().int().min(0).max(3);

/** A record named by its id and name (an area, a partner team). */
const named = () => z.object({ id: z.number().int(), name: z.string() });
export const person = named().openapi('Person');
/** A person or nobody. (`person.nullable()` would come out as allOf [Person, object|null], which no null matches.) */
const personOrNull = z.union([person, z.null()]);

export const pageInfo = z
  .object({
    limit: z.number().int(),
    offset: z.number().int(),
    nextOffset: z.number().int().nullable().openapi({ description: 'The `offset` of the next page; null on the last one.' }),
  })
  .openapi('Page');

const list = <T extends z.ZodType>(item: T, name: string) => z.object({ data: z.array(item), page: pageInfo }).openapi(name);

export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(API_ERROR_CODES),
      message: z.string(),
    }),
  })
  .openapi('Error');

export const me = z
  .object({
    id: z.number().int(),
    name: z.string(),
    email: z.string(),
    role: z.enum(['manager', 'member', 'partner']),
    partnerId: z.number().int().nullable().openapi({ description: 'For a partner: the partner team whose deals they read.' }),
  })
  .openapi('Me');

export const member = z
  .object({
    id: z.number().int(),
    name: z.string(),
    email: z.string(),
    role: z.enum(['manager', 'member']),
    capacity: z.number().int().openapi({ description: 'Points per planning cycle.' }),
    active: z.boolean(),
  })
  .openapi('Member');
export const memberList = list(member, 'MemberList');

export const area = z
  .object({
    id: z.number().int(),
    name: z.string(),
    category: z.string().nullable(),
    description: z.string(),
    targetLevel: level,
    minExperts: z.number().int(),
    rubric: z.array(z.string()).length(6).nullable().openapi({ description: "The area's own words for levels 0–5, or null for the default rubric." }),
    archivedAt: instant.nullable(),
  })
  .openapi('Area');
export const areaList = list(area, 'AreaList');

export const rating = z
  .object({
    memberId: z.number().int(),
    areaId: z.number().int(),
    level: level.nullable().openapi({ description: "The effective level: the manager's calibration where one exists, else the member's own." }),
    selfLevel: level.nullable(),
    managerLevel: level.nullable(),
    interest: interest.nullable(),
    evidence: z.string(),
    managerNote: z.string().nullable().openapi({ description: 'Null unless the token may read it (managers, and the rated member).' }),
    confirmedAt: instant,
    updatedAt: instant,
    stale: z.boolean().openapi({ description: 'Not confirmed for more than 180 days.' }),
  })
  .openapi('Rating');
export const ratingList = list(rating, 'RatingList');

export const historyEntry = z
  .object({
    id: z.number().int(),
    memberId: z.number().int(),
    areaId: z.number().int(),
    field: z.enum(['selfLevel', 'managerLevel', 'interest', 'evidence', 'managerNote', 'confirmed']),
    oldValue: z.string().nullable(),
    newValue: z.string().nullable(),
    changedAt: instant,
    changedBy: z.object({ id: z.number().int(), name: z.string().nullable() }),
  })
  .openapi('RatingChange');
export const historyList = list(historyEntry, 'RatingHistory');

const cell = z.object({ areaId: z.number().int(), level: level.nullable(), selfLevel: level.nullable(), managerLevel: level.nullable(), interest: interest.nullable(), stale: z.boolean() });
export const matrix = z
  .object({
    areas: z.array(z.object({ id: z.number().int(), name: z.string(), category: z.string().nullable() })),
    data: z.array(z.object({ member: person, cells: z.array(cell).openapi({ description: 'Rated areas only; an area missing here is unrated.' }) })),
    page: pageInfo,
  })
  .openapi('Matrix');

export const coverage = z
  .object({
    area: z.object({ id: z.number().int(), name: z.string(), targetLevel: level, minExperts: z.number().int() }),
    experts: z.number().int().openapi({ description: 'Active members at level 4 or above.' }),
    risk: z.enum(['blocker', 'single', 'thin', 'ok']).openapi({ description: 'Bus factor: no expert, one, fewer than the minimum, or enough.' }),
    best: level.nullable(),
    median: z.number().nullable(),
    gapBest: z.number().nullable().openapi({ description: 'Target minus the best level (positive: below target).' }),
    gapMedian: z.number().nullable(),
    growing: z.number().int().openapi({ description: 'Members below expert who want to grow here.' }),
  })
  .openapi('Coverage');
export const coverageList = list(coverage, 'CoverageList');

export const round = z
  .object({
    id: z.number().int(),
    status: z.enum(['accepted', 'draft']),
    createdAt: instant,
    acceptedAt: instant.nullable(),
    acceptedBy: personOrNull,
    note: z.string(),
    score: z.number().nullable().openapi({ description: "The planner's total score; null unless the token is a manager's." }),
    groups: z.array(
      z.object({
        position: z.number().int(),
        kind: z.enum(['mentoring', 'peers', 'solo']),
        areaId: z.number().int().nullable(),
        score: z.number().nullable(),
        members: z.array(person.extend({ role: z.enum(['mentor', 'learner', 'peer', 'solo']) })),
      }),
    ),
  })
  .openapi('PairingRound');
export const roundList = list(round, 'PairingRoundList');

export const workItem = z
  .object({
    id: z.number().int(),
    title: z.string(),
    description: z.string(),
    kind: z.enum(WORK_KINDS),
    feeds: z.string().openapi({ description: 'The service the item feeds ("" = none).' }),
    dealId: z.number().int().nullable(),
    effort: z.number().int(),
    priority: z.enum(WORK_PRIORITIES),
    dueDate: day.nullable(),
    status: z.enum(WORK_STATUSES),
    late: z.boolean(),
    cycleId: z.number().int().nullable(),
    owner: personOrNull,
    buddy: personOrNull,
    requirements: z.array(z.object({ areaId: z.number().int(), minLevel: level })),
    createdAt: instant,
    updatedAt: instant,
  })
  .openapi('WorkItem');
export const workItemList = list(workItem, 'WorkItemList');

const value = z.number().int().min(1).max(5).nullable();
export const deal = z
  .object({
    id: z.number().int(),
    title: z.string(),
    summary: z.string(),
    status: z.enum(DEAL_STATUSES),
    partner: named(),
    owner: person,
    neededBy: day.nullable(),
    committedDate: day.nullable(),
    values: z.object({ ourGive: value, ourGet: value, partnerGive: value, partnerGet: value }).openapi({ description: "Value ratings 1–5 of what the team gives and gets: the team's, and the partner's." }),
    acceptedAt: instant.nullable(),
    health: z.object({ onTrack: z.boolean(), flags: z.array(z.enum(HEALTH_FLAGS)) }),
    items: z.array(
      z.object({
        id: z.number().int(),
        side: z.enum(['give', 'get']).openapi({ description: "The team's side: 'give' is what the team delivers to the partner." }),
        description: z.string(),
        dueDate: day.nullable(),
        done: z.boolean(),
        doneAt: instant.nullable(),
        area: named().nullable(),
        effort: z.number().int(),
        members: z.array(person),
      }),
    ),
    createdAt: instant,
    updatedAt: instant,
  })
  .openapi('Deal');
export const dealList = list(deal, 'DealList');
