// Study: session pages, attendance, materials and evidence.
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { CurrentUser, FieldErrors, FormValues } from '../domain.ts';
import type { AppEnv } from '../env.ts';
import { field, idParam, parseForm } from '../http/forms.ts';
import { conflict, forbidden, notFound, page, redirectAfterPost } from '../http/render.tsx';
import { byName, formatDay, keyFor, t } from '../../views/i18n/index.ts';
import { SessionPage } from '../../views/study/session.tsx';
import { addEvidence, attendanceOf, evidenceAddedBy, getSession, markAttendance, MATERIAL_KINDS, saveMaterials, type Materials, type SessionDetail } from './session-queries.ts';
import { editsMaterials, hasBegun, isHttpsLink, markProblem, ownMarks, roleIn } from './session-rules.ts';
import { sessionTimes, teamToday } from './time-zone.ts';

type C = Context<AppEnv>;
type Extra = { form?: { values?: FormValues; errors?: FieldErrors }; attendanceError?: string; evidenceError?: string; status?: ContentfulStatusCode };

const NOTES_MAX = 2000;
const LINK_MAX = 2000;

const materialsSchema = z.object({
  version: field.version(),
  slides: field.optionalText(LINK_MAX),
  notes: field.optionalText(LINK_MAX),
  recording: field.optionalText(LINK_MAX),
  sessionNotes: field.optionalText(NOTES_MAX),
});
const attendanceSchema = z.object({ userId: field.int(1, 999_999_999), status: field.choice(['came', 'excused', 'missed']) });

const me = (c: C) => c.get('user') as CurrentUser;
const sessionUrl = (id: number, anchor = '') => `/study/sessions/${id}${anchor}`;
const sentenceDay = (day: string) => formatDay(Date.parse(`${day}T00:00:00Z`));

/** The route's session if the viewer may see it: a draft schedule's sessions are the managers' (404 for others). */
async function routeSession(c: C): Promise<SessionDetail | null> {
  const id = idParam(c.req.param('id'));
  const session = id ? await getSession(c.get('db'), id) : null;
  if (!session || (!session.published && me(c).role !== 'manager')) return null;
  return session;
}

async function sessionPage(c: C, s: SessionDetail, extra: Extra = {}) {
  const db = c.get('db');
  const viewer = me(c);
  const [people, added] = await Promise.all([attendanceOf(db, s), evidenceAddedBy(db, s.id)]);
  const day = teamToday(c);
  const role = roleIn(s, viewer.id);
  const times = sessionTimes(s.day, s.startTime, s.sessionMinutes);
  const heading = t('study.session.heading', { season: s.seasonNumber, position: s.position });
  return page(
    c,
    s.paper ? `${s.paper.title} · ${heading}` : heading,
    <SessionPage
      viewerId={viewer.id}
      session={{ ...s, start: times.start.slice(11, 16), end: times.end.slice(11, 16) }}
      people={byName(people)}
      rights={{
        manager: viewer.role === 'manager',
        materials: editsMaterials(viewer, s),
        ownMarks: ownMarks(viewer.id, people, s.day, day),
        participant: people.some((p) => p.id === viewer.id && !p.left),
        begun: hasBegun(s.day, day),
        evidence: role && s.paper && s.paper.areas.length > 0 ? { role, added: added.has(viewer.id) } : null,
      }}
      {...extra}
    />,
    { current: '/study', status: extra.status },
  );
}

/** What a conflict page shows of materials and notes. */
function materialRows(materials: Materials, notes: string, version: number): Array<[string, string]> {
  return [
    ...MATERIAL_KINDS.map((k): [string, string] => [t(keyFor('study.session.material.', k)), materials[k] || t('common.none')]),
    [t('study.session.notes'), notes || t('common.none')],
    [t('study.session.field.version'), String(version)],
  ];
}

export const sessionRoutes = new Hono<AppEnv>()
  .get('/sessions/:id', async (c) => {
    const session = await routeSession(c);
    return session ? sessionPage(c, session) : notFound(c);
  })
  .post('/sessions/:id/materials', async (c) => {
    const session = await routeSession(c);
    if (!session) return notFound(c);
    if (!editsMaterials(me(c), session)) return forbidden(c);
    const form = await parseForm(c, materialsSchema);
    const errors: FieldErrors = form.ok ? {} : { ...form.errors };
    if (form.ok) for (const k of MATERIAL_KINDS) if (form.data[k] && !isHttpsLink(form.data[k])) errors[k] = t('study.session.errors.https');
    if (!form.ok || Object.keys(errors).length > 0) return sessionPage(c, session, { form: { values: form.values, errors }, status: 422 });
    const { version, sessionNotes } = form.data;
    const materials: Materials = Object.fromEntries(MATERIAL_KINDS.flatMap((k) => (form.data[k] ? [[k, form.data[k]]] : [])));
    if (version !== session.version || !(await saveMaterials(c.get('db'), session.id, version, materials, sessionNotes))) {
      const current = (await getSession(c.get('db'), session.id)) ?? session;
      return conflict(c, { yours: materialRows(materials, sessionNotes, version), current: materialRows(current.materials, current.notes, current.version), backHref: sessionUrl(session.id) }, { current: '/study' });
    }
    return redirectAfterPost(c, sessionUrl(session.id, '#materials-title'), { kind: 'ok', text: t('study.session.saved') });
  })
  .post('/sessions/:id/attendance', async (c) => {
    const session = await routeSession(c);
    if (!session) return notFound(c);
    const form = await parseForm(c, attendanceSchema);
    if (!form.ok) return sessionPage(c, session, { attendanceError: Object.values(form.errors)[0], status: 422 });
    const { userId, status } = form.data;
    const viewer = me(c);
    const people = await attendanceOf(c.get('db'), session);
    const problem = markProblem(viewer, userId, people, status, session.day, teamToday(c));
    if (problem) {
      const code = problem === 'notYours' || problem === 'managerOnly' ? 403 : 422;
      return sessionPage(c, session, { attendanceError: t(`study.attendance.errors.${problem}`, { day: sentenceDay(session.day) }), status: code });
    }
    await markAttendance(c.get('db'), session.id, userId, status, viewer.id, c.get('now')());
    const name = people.find((p) => p.id === userId)?.name ?? '';
    return redirectAfterPost(c, sessionUrl(session.id, '#attendance-title'), { kind: 'ok', text: t('study.attendance.marked', { name, status: t(`study.attendance.status.${status}`) }) });
  })
  .post('/sessions/:id/evidence', async (c) => {
    const session = await routeSession(c);
    if (!session) return notFound(c);
    const viewer = me(c);
    const role = roleIn(session, viewer.id);
    if (!role) return forbidden(c);
    await parseForm(c, z.object({}));
    const areas = session.paper?.areas ?? [];
    if (!hasBegun(session.day, teamToday(c))) return sessionPage(c, session, { evidenceError: t('study.evidence.errors.notYet', { day: sentenceDay(session.day) }), status: 422 });
    if (areas.length === 0) return sessionPage(c, session, { evidenceError: t('study.evidence.errors.noAreas'), status: 422 });
    const added = await addEvidence(c.get('db'), session.id, viewer.id, role, areas.map((a) => a.id), c.get('now')());
    const text = added > 0 ? t('study.evidence.added', { areas: areas.map((a) => a.name).join(', ') }) : t('study.evidence.already');
    return redirectAfterPost(c, sessionUrl(session.id, '#evidence-title'), { kind: 'ok', text });
  });
