// The private calendar feed: what it is, the address shown once after making it, and the ways to renew or stop it.
import { formatDate, t } from '../i18n/index.ts';

export type CalendarPageProps = {
  timeZone: string;
  /** When the working feed was made, or null. */
  activeSince: number | null;
  /** The full address, only in the answer that made it. */
  newUrl?: string;
};

export function CalendarPage(p: CalendarPageProps) {
  return (
    <section class="narrow st-calendar">
      <p class="crumbs">
        <a href="/study">{t('nav.study')}</a> ›
      </p>
      <h1>{t('study.calendar.title')}</h1>
      <p>{t('study.calendar.intro', { zone: p.timeZone })}</p>
      <p>{t('study.calendar.private')}</p>
      {p.newUrl ? (
        <div class="flash flash-ok" role="status">
          <p>{t('study.calendar.made')}</p>
          <p>
            <label for="feed-url">{t('study.calendar.urlLabel')}</label>
            <input id="feed-url" type="text" readonly value={p.newUrl} class="copy" />
          </p>
          <p>{t('study.calendar.howTo')}</p>
        </div>
      ) : (
        <p class="card">{p.activeSince === null ? t('study.calendar.none') : t('study.calendar.active', { date: formatDate(p.activeSince) })}</p>
      )}
      <div class="st-actions">
        <form method="post" action="/study/calendar">
          <button type="submit">{t(p.activeSince === null ? 'study.calendar.make' : 'study.calendar.remake')}</button>
        </form>
        {p.activeSince !== null && (
          <form method="post" action="/study/calendar/revoke">
            <button type="submit" class="secondary">
              {t('study.calendar.revoke')}
            </button>
          </form>
        )}
      </div>
    </section>
  );
}
