// Study: seasons (list, create, edit, status), mounting their people and papers routes.
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { FieldErrors, FormValues } from '../domain.ts';
import { teamToday } from './time-zone.ts';
import type { AppEnv } from '../env.ts';
import { field, isCalendarDay, parseForm, readForm } from '../http/forms.ts';
import { badRequest, conflict, notFound, page, redirectAfterPost } from '../http/render.tsx';
import { listAreas } from '../areas/queries.ts';
import { sessionDates } from '../planning/study-schedule/cadence.ts';
import { keyFor, t } from '../../views/i18n/index.ts';
import { StudyListPage } from '../../views/study/list.tsx';
import { weekdayName } from '../../views/study/parts.tsx';
import { SeasonFormPage } from '../../views/study/season-form.tsx';
import { paperRoutes } from './paper-routes.tsx';
import { peopleRoutes } from './people-routes.tsx';
import { nextStatus, seasonOf, seasonPage, showSeason, type C, type FullSeason } from './season-page-routes.tsx';
import { insertSeason, listSeasons, nextSeasonNumber, nextSessionFor, seasonNumberTaken, setSeasonStatus, skipDatesOf, updateSeason, SEASON_STATUSES, type SeasonInput } from './season-queries.ts';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const seasonSchema = z.object({
  number: field.int(1, 9999),
  name: field.text(120),
  startsOn: field.date(),
  endsOn: field.date(),
  weekday: field.choice(['0', '1', '2', '3', '4', '5', '6']),
  startTime: field.text(5),
  sessionMinutes: field.int(15, 480),
  skipDates: field.optionalText(2000),
  areaIds: z.array(z.string()).optional().default([]),
  goal: field.optionalText(200),
  votesPerMember: field.int(1, 20),
  version: field.version().optional(),
});

type ReadSeason = { ok: true; input: SeasonInput; version?: number } | { ok: false; values: FormValues; areaIds: string[]; errors: FieldErrors };

/** Validates the season form: fields, then time, dates, skipped dates, areas, a cadence with dates, a free number. */
async function readSeasonForm(c: C, existing?: FullSeason): Promise<ReadSeason> {
  const { fields } = await readForm(c, ['areaIds']);
  const areaIds = Array.isArray(fields.areaIds) ? fields.areaIds : [];
  const form = await parseForm(c, seasonSchema, ['areaIds']);
  if (!form.ok) return { ok: false, values: form.values, areaIds, errors: form.errors };
  const d = form.data;
  const errors: FieldErrors = {};
  if (!TIME.test(d.startTime)) errors.startTime = t('study.season.error.time');
  if (d.endsOn < d.startsOn) errors.endsOn = t('study.season.error.endBeforeStart');
  const skipDates = [...new Set(d.skipDates.split(/[\s,]+/).filter(Boolean))].sort();
  const badSkip = skipDates.find((s) => !isCalendarDay(s));
  const outside = skipDates.find((s) => isCalendarDay(s) && (s < d.startsOn || s > d.endsOn));
  if (badSkip) errors.skipDates = t('study.season.error.skipDate', { date: badSkip });
  else if (outside && !errors.endsOn) errors.skipDates = t('study.season.error.skipOutside', { date: outside });
  const known = new Set((await listAreas(c.get('db'))).map((a) => a.id).concat(existing?.areaIds ?? []));
  const chosen = [...new Set(d.areaIds.map(Number))];
  if (chosen.some((id) => !known.has(id))) errors.areaIds = t('errors.unknownArea');
  const weekday = Number(d.weekday);
  if (!errors.endsOn && !errors.skipDates && sessionDates({ startsOn: d.startsOn, endsOn: d.endsOn, weekday, skipDates }).length === 0) errors.weekday = t('study.season.error.noDates');
  if (await seasonNumberTaken(c.get('db'), d.number, existing?.id)) errors.number = t('study.season.error.numberTaken', { number: d.number });
  if (Object.keys(errors).length > 0) return { ok: false, values: form.values, areaIds, errors };
  const input = { number: d.number, name: d.name, startsOn: d.startsOn, endsOn: d.endsOn, weekday, startTime: d.startTime, sessionMinutes: d.sessionMinutes, skipDates, goal: d.goal, votesPerMember: d.votesPerMember, areaIds: chosen.sort((a, b) => a - b) };
  return { ok: true, input, version: d.version };
}

/** A season's fields as the form shows them. */
const valuesOf = (s: Omit<SeasonInput, 'areaIds'>): FormValues => ({
  number: String(s.number),
  name: s.name,
  startsOn: s.startsOn,
  endsOn: s.endsOn,
  weekday: String(s.weekday),
  startTime: s.startTime,
  sessionMinutes: String(s.sessionMinutes),
  skipDates: s.skipDates.join('\n'),
  goal: s.goal,
  votesPerMember: String(s.votesPerMember),
});

async function seasonFormPage(c: C, opts: { season?: FullSeason; values?: FormValues; areaIds?: string[]; errors?: FieldErrors; status?: ContentfulStatusCode }) {
  const s = opts.season;
  const areas = await listAreas(c.get('db'), { includeArchived: Boolean(s) });
  const shown = areas.filter((a) => a.archivedAt === null || s?.areaIds.includes(a.id)).map((a) => ({ id: a.id, name: a.name }));
  const defaults: FormValues = s
    ? valuesOf({ ...s, skipDates: skipDatesOf(s) })
    : { number: String(await nextSeasonNumber(c.get('db'))), weekday: '4', startTime: '17:00', sessionMinutes: '60', votesPerMember: '5' };
  const title = s ? t('study.season.editTitle', { number: s.number }) : t('study.list.new');
  const form = {
    action: s ? `/study/seasons/${s.id}` : '/study/seasons',
    values: { ...defaults, ...opts.values },
    areaIds: opts.areaIds ?? (s?.areaIds ?? []).map(String),
    areas: shown,
    errors: opts.errors,
    version: s?.version,
    cancelHref: s ? `/study/seasons/${s.id}` : '/study',
    submit: s ? t('common.save') : t('study.season.create'),
  };
  return page(c, title, <SeasonFormPage title={title} form={form} />, { current: '/study', status: opts.status });
}

function seasonSummary(s: Omit<SeasonInput, 'areaIds'>): Array<[string, string]> {
  return [
    [t('study.season.field.number'), String(s.number)],
    [t('study.season.field.name'), s.name],
    [t('study.season.field.dates'), `${s.startsOn} – ${s.endsOn}`],
    [t('study.season.cadence'), t('study.season.cadenceLine', { weekday: weekdayName(s.weekday), time: s.startTime, minutes: s.sessionMinutes })],
    [t('study.season.field.skipDates'), s.skipDates.join(', ') || t('common.none')],
    [t('study.season.field.goal'), s.goal || t('common.none')],
    [t('study.season.field.votesPerMember'), String(s.votesPerMember)],
  ];
}

export const seasonRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const db = c.get('db');
    const user = c.get('user')!;
    const [seasons, next, nextNumber] = await Promise.all([listSeasons(db), nextSessionFor(db, user.id, teamToday(c)), nextSeasonNumber(db)]);
    return page(c, t('study.list.title'), <StudyListPage seasons={seasons} next={next} manager={user.role === 'manager'} nextNumber={nextNumber} />, { current: '/study' });
  })
  .get('/seasons/new', (c) => seasonFormPage(c, {}))
  .post('/seasons', async (c) => {
    const form = await readSeasonForm(c);
    if (!form.ok) return seasonFormPage(c, { values: form.values, areaIds: form.areaIds, errors: form.errors, status: 422 });
    const season = await insertSeason(c.get('db'), form.input, c.get('user')!.id, c.get('now')());
    return redirectAfterPost(c, `/study/seasons/${season.id}`, { kind: 'ok', text: t('study.season.created', { number: season.number }) });
  })
  .get('/seasons/:id', showSeason)
  .get('/seasons/:id/edit', async (c) => {
    const season = await seasonOf(c);
    return season ? seasonFormPage(c, { season }) : notFound(c);
  })
  .post('/seasons/:id', async (c) => {
    const season = await seasonOf(c);
    if (!season) return notFound(c);
    const form = await readSeasonForm(c, season);
    if (!form.ok) return seasonFormPage(c, { season, values: form.values, areaIds: form.areaIds, errors: form.errors, status: 422 });
    if (form.version === undefined) return badRequest(c, 'version');
    const updated = await updateSeason(c.get('db'), season.id, form.version, form.input);
    if (!updated) {
      const current = (await seasonOf(c)) ?? season;
      return conflict(c, { yours: seasonSummary(form.input), current: seasonSummary({ ...current, skipDates: skipDatesOf(current) }), backHref: `/study/seasons/${season.id}/edit` }, { current: '/study' });
    }
    return redirectAfterPost(c, `/study/seasons/${season.id}`, { kind: 'ok', text: t('common.saved') });
  })
  .post('/seasons/:id/status', async (c) => {
    const season = await seasonOf(c);
    if (!season) return notFound(c);
    const form = await parseForm(c, z.object({ status: field.choice(SEASON_STATUSES), version: field.version() }));
    if (!form.ok) return seasonPage(c, season, { problems: { status: Object.values(form.errors)[0] }, status: 422 });
    const { status, version } = form.data;
    const line = (s: string): Array<[string, string]> => [[t('study.season.field.status'), t(keyFor('study.season.status.', s))]];
    const stale = () => conflict(c, { yours: line(status), current: line(season.status), backHref: `/study/seasons/${season.id}` }, { current: '/study' });
    if (version !== season.version) return stale();
    if (status !== nextStatus(season)) {
      return seasonPage(c, season, { problems: { status: t('study.season.error.badMove', { from: t(keyFor('study.season.status.', season.status)), to: t(keyFor('study.season.status.', status)) }) }, status: 422 });
    }
    const updated = await setSeasonStatus(c.get('db'), season.id, version, status);
    if (!updated) return stale();
    return redirectAfterPost(c, `/study/seasons/${season.id}`, { kind: 'ok', text: t('study.season.moved', { number: season.number, status: t(keyFor('study.season.status.', status)) }) });
  })
  .route('/', peopleRoutes)
  .route('/', paperRoutes);

