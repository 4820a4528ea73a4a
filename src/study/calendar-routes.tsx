// Private calendar feeds: /study/calendar makes, renews and stops a person's feed; /calendar/<token>.ics serves it to calendar apps.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { isLocale, type CurrentUser } from '../domain.ts';
import type { AppEnv } from '../env.ts';
import { parseForm } from '../http/forms.ts';
import { page, redirectAfterPost } from '../http/render.tsx';
import { t, translator } from '../../views/i18n/index.ts';
import { CalendarPage } from '../../views/study/calendar.tsx';
import { activeFeedSince, feedOwner, feedSessions, newFeedToken, revokeFeeds, type FeedOwner, type FeedSession } from './calendar-queries.ts';
import { feedIcs } from './ics.ts';

type C = Context<AppEnv>;
const me = (c: C) => c.get('user') as CurrentUser;

/** Links that leave the app (into someone's calendar) use PUBLIC_ORIGIN when it is set, else the address the request came to. */
const origin = (c: C) => new URL(c.get('publicOrigin') ?? c.req.url).origin;

async function calendarPage(c: C, newUrl?: string) {
  const activeSince = await activeFeedSince(c.get('db'), me(c).id);
  return page(c, t('study.calendar.title'), <CalendarPage timeZone={c.get('timeZone')} activeSince={activeSince} newUrl={newUrl} />, { current: '/study' });
}

/** Under /study: the page, making a new address (shown once, in this very answer) and stopping the feed. */
export const calendarPageRoutes = new Hono<AppEnv>()
  .get('/calendar', (c) => calendarPage(c))
  .post('/calendar', async (c) => {
    await parseForm(c, z.object({}));
    const token = await newFeedToken(c.get('db'), me(c).id, c.get('now')());
    return calendarPage(c, `${origin(c)}/calendar/${token}.ics`);
  })
  .post('/calendar/revoke', async (c) => {
    await parseForm(c, z.object({}));
    const revoked = await revokeFeeds(c.get('db'), me(c).id, c.get('now')());
    return redirectAfterPost(c, '/study/calendar', { kind: 'ok', text: t(revoked ? 'study.calendar.revoked' : 'study.calendar.noneToRevoke') });
  });

/** One session as an event, in the feed owner's language: "시즌 3 · 5회차: SimCSE (발표)". */
function eventOf(s: FeedSession, owner: FeedOwner, say: ReturnType<typeof translator>, base: string) {
  const summary = say('study.calendar.summary', { season: s.seasonNumber, position: s.position, paper: s.paperTitle ?? say('study.session.noPaper') });
  const role = s.presenterId === owner.id ? 'presenter' : s.reviewerId === owner.id ? 'reviewer' : null;
  const url = `${base}/study/sessions/${s.id}`;
  return {
    uid: `study-session-${s.id}@${new URL(base).host}`,
    day: s.day,
    startTime: s.startTime,
    minutes: s.sessionMinutes,
    summary: role ? say(`study.calendar.summary.${role}`, { summary }) : summary,
    description: `${say('study.calendar.description', { presenter: s.presenterName ?? say('study.session.nobody'), reviewer: s.reviewerName ?? say('study.session.nobody') })}\n${url}`,
    url,
  };
}

/** The feed itself: public in the access table, because the unguessable token in the address is the permission. */
export const calendarRoutes = new Hono<AppEnv>().get('/:file{[A-Za-z0-9_-]+\\.ics}', async (c) => {
  const token = c.req.param('file').slice(0, -'.ics'.length);
  const owner = token.length <= 100 ? await feedOwner(c.get('db'), token) : null;
  if (!owner) return c.text('Not found', 404);
  const say = translator(isLocale(owner.locale) ? owner.locale : c.get('locale'));
  const base = origin(c);
  const sessions = await feedSessions(c.get('db'), owner.id);
  const body = feedIcs({ name: say('study.calendar.name', { name: owner.name }), timeZone: c.get('timeZone'), events: sessions.map((s) => eventOf(s, owner, say, base)), stamp: c.get('now')() });
  return c.body(body, 200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': 'private, no-cache', 'X-Robots-Tag': 'noindex' });
});
