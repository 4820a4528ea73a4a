// Study: the schedule planner, edits and publishing under /study/seasons/:id/schedule (managers only).
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import type { FieldErrors } from '../domain.ts';
import { teamToday } from './time-zone.ts';
import { field, idParam, parseForm } from '../http/forms.ts';
import { conflict, isHtmx, notFound, page, redirectAfterPost } from '../http/render.tsx';
import { explainContext, explainSession, scheduleGaps, violations, type Assignment } from '../planning/study-schedule/index.ts';
import type { Unmet } from '../domain.ts';
import { t } from '../../views/i18n/index.ts';
import { SchedulePage } from '../../views/study/schedule.tsx';
import { describeUnmet, describeViolation, sayDay, type ScheduleNames } from '../../views/study/schedule-reasons.ts';
import { planScheduleInWorker } from './schedule-runner.ts';
import { enqueueSchedulePublished } from '../notices/causes.ts';
import { editSessions, isHeld, plannerInput, publishSchedule, scheduleData, writePlan, type ScheduleData, type ScheduleSession, type SessionChange, type Written } from './schedule-queries.ts';

type Ctx = Context<AppEnv>;

const href = (seasonId: number) => `/study/seasons/${seasonId}/schedule`;

async function load(c: Ctx): Promise<ScheduleData | null> {
  const id = idParam(c.req.param('id'));
  return id === null ? null : scheduleData(c.get('db'), id);
}

function namesOf(data: ScheduleData): ScheduleNames {
  return {
    people: new Map(data.participants.map((p) => [p.id, p.name])),
    areas: new Map(data.areas.map((a) => [a.id, a.name])),
    papers: new Map(data.papers.map((p) => [p.id, p.title])),
  };
}

const active = (data: ScheduleData) => data.participants.filter((p) => p.leftAt === null);
const openSessions = (data: ScheduleData, day: string) => data.sessions.filter((s) => !(data.season.scheduleStatus === 'published' && isHeld(s, day)));
/** The reviewer of the last held session, who may not review the first open one. */
const lastHeldReviewer = (data: ScheduleData, open: ScheduleSession[]) => data.sessions.filter((s) => !open.includes(s)).at(-1)?.reviewerId ?? null;

function schedulePage(c: Ctx, data: ScheduleData, opts: { status?: 422; errors?: FieldErrors } = {}) {
  const day = teamToday(c);
  const left = new Set(data.participants.filter((p) => p.leftAt !== null).map((p) => p.id));
  const papers = new Map(data.papers.map((p) => [p.id, p]));
  const open = openSessions(data, day);
  const scheduled = new Set(data.sessions.map((s) => s.paperId));
  const held = new Set(data.sessions.filter((s) => !open.includes(s)).map((s) => s.paperId));
  const props = {
    season: data.season,
    dates: data.dates,
    sessions: data.sessions.map((s) => ({
      ...s,
      held: !open.includes(s),
      presenterLeft: s.presenterId !== null && left.has(s.presenterId),
      reviewerLeft: s.reviewerId !== null && left.has(s.reviewerId),
      paper: s.paperId === null ? null : (papers.get(s.paperId) ?? null),
    })),
    unscheduled: data.papers.filter((p) => !scheduled.has(p.id)),
    people: active(data).map(({ id, name }) => ({ id, name })),
    names: namesOf(data),
    // Papers read in held sessions are no longer candidates.
    unmet: data.sessions.length === 0 ? [] : scheduleGaps(open, data.papers.filter((p) => !held.has(p.id)).map((p) => p.id)),
    violations: violations(open, active(data), lastHeldReviewer(data, open)),
    errors: opts.errors,
  };
  return page(c, t('study.schedule.title', { season: data.season.name }), <SchedulePage {...props} />, { status: opts.status, current: '/study', wide: true });
}

/** The schedule as rows of the conflict page: its version and one line per session. */
function scheduleRows(data: ScheduleData | null): Array<[string, string]> {
  if (!data) return [[t('study.schedule.versionLabel'), t('common.none')]];
  const names = namesOf(data);
  const who = (id: number | null) => (id === null ? t('study.schedule.nobody') : (names.people.get(id) ?? `#${id}`));
  return [
    [t('study.schedule.versionLabel'), String(data.season.scheduleVersion)],
    ...data.sessions.map((s): [string, string] => [
      `${t('study.schedule.session', { n: s.position })} · ${sayDay(s.day)}`,
      `${s.paperId === null ? t('study.schedule.noPaper') : (names.papers.get(s.paperId) ?? `#${s.paperId}`)} · ${t('study.schedule.presenter')} ${who(s.presenterId)} · ${t('study.schedule.reviewer')} ${who(s.reviewerId)}`,
    ]),
  ];
}

function scheduleConflict(c: Ctx, seasonId: number, version: number, change: string, current: ScheduleData | null) {
  if (isHtmx(c)) {
    c.header('HX-Retarget', 'body');
    c.header('HX-Reswap', 'outerHTML');
  }
  const yours: Array<[string, string]> = [
    [t('study.schedule.versionLabel'), String(version)],
    [t('study.schedule.change'), change],
  ];
  return conflict(c, { yours, current: scheduleRows(current), backHref: href(seasonId) }, { current: '/study' });
}

const versionOnly = z.object({ version: field.version() });

export const scheduleRoutes = new Hono<AppEnv>()
  .get('/seasons/:id/schedule', async (c) => {
    const data = await load(c);
    return data ? schedulePage(c, data) : notFound(c);
  })
  .post('/seasons/:id/schedule/plan', async (c) => {
    const data = await load(c);
    if (!data) return notFound(c);
    const form = await parseForm(c, versionOnly);
    if (!form.ok) return schedulePage(c, data, { status: 422, errors: form.errors });
    const change = t('study.schedule.plan');
    if (form.data.version !== data.season.scheduleVersion) return scheduleConflict(c, data.season.id, form.data.version, change, data);
    const day = teamToday(c);
    const input = plannerInput(data, day);
    if (input.days.length === 0) return schedulePage(c, data, { status: 422, errors: { _form: t('study.schedule.error.noDates') } });
    const plan = await planScheduleInWorker(input);
    const done = await writePlan(c.get('db'), data, form.data.version, plan.sessions, day);
    if (!done.ok) return scheduleConflict(c, data.season.id, form.data.version, change, done.current);
    // What only the plan knows (locks it could not keep, fairness giving way) is said once; the page shows the rest from the schedule.
    const names = namesOf(data);
    const planOnly = plan.unmet.filter((u: Unmet) => !['morePapersThanSessions', 'moreSessionsThanPapers', 'noPresenterAvailable', 'noReviewerAvailable'].includes(u.code));
    const text = [t('study.schedule.planned', { count: plan.sessions.length }), ...planOnly.map((u) => describeUnmet(u, names))].join(' ');
    return redirectAfterPost(c, href(data.season.id), { kind: planOnly.length > 0 ? 'error' : 'ok', text });
  })
  .post('/seasons/:id/schedule/publish', async (c) => {
    const data = await load(c);
    if (!data) return notFound(c);
    const form = await parseForm(c, versionOnly);
    if (!form.ok) return schedulePage(c, data, { status: 422, errors: form.errors });
    const change = t('study.schedule.publish');
    if (form.data.version !== data.season.scheduleVersion) return scheduleConflict(c, data.season.id, form.data.version, change, data);
    if (data.season.scheduleStatus !== 'draft' || data.sessions.length === 0) return schedulePage(c, data, { status: 422, errors: { _form: t('study.schedule.error.noSchedule') } });
    const done = await publishSchedule(c.get('db'), data.season.id, form.data.version, c.get('now')(), (tx) =>
      enqueueSchedulePublished(tx, c.get('notices'), c.req.url, data.season.id, teamToday(c), c.get('now')()),
    );
    if (!done.ok) return scheduleConflict(c, data.season.id, form.data.version, change, done.current);
    return redirectAfterPost(c, href(data.season.id), { kind: 'ok', text: t('study.schedule.published') });
  })
  .post('/seasons/:id/schedule/swap-presenters', (c) => pairEdit(c, 'swap'))
  .post('/seasons/:id/schedule/move-paper', (c) => pairEdit(c, 'move'))
  .post('/seasons/:id/schedule/sessions/:sessionId/presenter', (c) => personEdit(c, 'presenter'))
  .post('/seasons/:id/schedule/sessions/:sessionId/reviewer', (c) => personEdit(c, 'reviewer'))
  .post('/seasons/:id/schedule/sessions/:sessionId/paper', async (c) => {
    const form = z.object({ version: field.version(), paperId: field.text(12) });
    return sessionEdit(c, form, (data, s, f) => {
      const paperId = idParam(f.paperId);
      if (paperId === null || !data.papers.some((p) => p.id === paperId) || data.sessions.some((x) => x.paperId === paperId)) return { paperId: t('study.schedule.error.unknownPaper') };
      return [{ ...s, paperId }];
    });
  })
  .post('/seasons/:id/schedule/sessions/:sessionId/locks', async (c) => {
    const form = z.object({ version: field.version(), lockPaper: z.literal('1').optional(), lockPresenter: z.literal('1').optional() });
    return sessionEdit(c, form, (_data, s, f) => {
      if ((f.lockPaper || f.lockPresenter) && s.paperId === null) return { _form: t('study.schedule.error.noPaper') };
      return [{ ...s, lockPaper: Boolean(f.lockPaper), lockPresenter: Boolean(f.lockPresenter) && s.presenterId !== null }];
    });
  });

type Edited = Pick<ScheduleSession, 'id' | 'day' | 'paperId' | 'presenterId' | 'reviewerId' | 'lockPaper' | 'lockPresenter'>;
/** What an edit makes of the schedule (or why it cannot), and how the conflict page names it. */
type EditResult = { label: string; edited: Edited[] | FieldErrors; named?: number | null };

/**
 * The one way every edit goes: the season (404), the form (422), the version it was read at (409), the new
 * sessions the edit makes (422 with the reason), the hard rules on them (422), then one version-checked write.
 */
async function applyEdit<S extends z.ZodType>(c: Ctx, schema: S, change: (data: ScheduleData, open: ScheduleSession[], form: z.infer<S>) => EditResult) {
  const data = await load(c);
  if (!data) return notFound(c);
  const form = await parseForm(c, schema);
  if (!form.ok) return schedulePage(c, data, { status: 422, errors: form.errors });
  const version = (form.data as { version: number }).version;
  const open = openSessions(data, teamToday(c));
  const { label, edited, named } = change(data, open, form.data);
  if (version !== data.season.scheduleVersion) return scheduleConflict(c, data.season.id, version, label, data);
  if (!Array.isArray(edited)) return schedulePage(c, data, { status: 422, errors: edited });
  if (edited.some((e) => e.paperId === null && (e.presenterId !== null || e.reviewerId !== null))) return schedulePage(c, data, { status: 422, errors: { _form: t('study.schedule.error.noPaper') } });

  const after: Assignment[] = open.map((s) => edited.find((e) => e.id === s.id) ?? s);
  // What this edit breaks, or breaks again by naming the person: a rule already broken elsewhere (someone
  // marked away after being scheduled, someone who left) does not block an unrelated edit.
  const people = active(data);
  const before = new Set(violations(open, people, lastHeldReviewer(data, open)).map((v) => JSON.stringify(v)));
  const touched = new Set(edited.map((e) => e.day));
  const broken = violations(after, people, lastHeldReviewer(data, open)).filter((v) => !before.has(JSON.stringify(v)) || (v.personId === named && touched.has(v.day)));
  if (broken.length > 0) return schedulePage(c, data, { status: 422, errors: { _form: broken.map((v) => describeViolation(v, namesOf(data))).join(' ') } });

  const input = plannerInput(data, teamToday(c));
  const ctx = explainContext({ ...input, participants: people, papers: data.papers.map(({ id, votes, areaIds }) => ({ id, votes, areaIds })) });
  const changes: SessionChange[] = edited.map((e) => ({ ...e, reason: explainSession(ctx, e, { paper: e.lockPaper, presenter: e.lockPresenter }) }));
  const done: Written = await editSessions(c.get('db'), data.season.id, version, changes);
  if (!done.ok) return scheduleConflict(c, data.season.id, version, label, done.current);
  return redirectAfterPost(c, href(data.season.id), { kind: 'ok', text: t('study.schedule.saved', { version: done.version }) });
}

const sessionLabel = (s: ScheduleSession | undefined) => (s ? `${t('study.schedule.session', { n: s.position })} · ${sayDay(s.day)}` : '?');

/** Swapping the presenters (or the papers) of two open sessions. */
function pairEdit(c: Ctx, kind: 'swap' | 'move') {
  const schema = z.object({ version: field.version(), a: field.text(12), b: field.text(12) });
  return applyEdit(c, schema, (_data, open, f) => {
    const [a, b] = [f.a, f.b].map((raw) => open.find((s) => s.id === idParam(raw)));
    const label = `${t(`study.schedule.${kind}.submit`)}: ${sessionLabel(a)} ↔ ${sessionLabel(b)}`;
    if (!a || !b) return { label, edited: { [a ? 'b' : 'a']: t('study.schedule.error.unknownSession') } };
    if (a.id === b.id) return { label, edited: { b: t('study.schedule.error.sameSession') } };
    if (kind === 'swap') return { label, edited: [{ ...a, presenterId: b.presenterId }, { ...b, presenterId: a.presenterId }] };
    return { label, edited: [{ ...a, paperId: b.paperId }, { ...b, paperId: a.paperId }] };
  });
}

/** An edit of one open session named by the route. */
function sessionEdit<S extends z.ZodType>(
  c: Ctx,
  schema: S,
  change: (data: ScheduleData, s: ScheduleSession, form: z.infer<S>) => Edited[] | FieldErrors,
  named?: (form: z.infer<S>) => number | null,
) {
  return applyEdit(c, schema, (data, open, f) => {
    const s = open.find((x) => x.id === idParam(c.req.param('sessionId')));
    return { label: sessionLabel(s), edited: s ? change(data, s, f) : { _form: t('study.schedule.error.unknownSession') }, named: named?.(f) };
  });
}

/** Setting a session's presenter or reviewer ('' = nobody) to a participant who has not left. */
function personEdit(c: Ctx, role: 'presenter' | 'reviewer') {
  const schema = z.object({ version: field.version(), personId: field.optionalText(12) });
  return sessionEdit(c, schema, (data, s, f) => {
    const personId = f.personId === '' ? null : idParam(f.personId);
    if (f.personId !== '' && (personId === null || !active(data).some((p) => p.id === personId))) return { personId: t('study.schedule.error.unknownPerson') };
    return [role === 'presenter' ? { ...s, presenterId: personId } : { ...s, reviewerId: personId }];
  }, (f) => idParam(f.personId));
}
