// /study/seasons/:id: the season's goal, dates and areas, its people (joining, away dates, not presenting) and the published schedule.
import { EmptyState, VersionInput } from '../components.tsx';
import { keyFor, t } from '../i18n/index.ts';
import { nameOrGap, SeasonStatusTag, spokenDay, tableDay, weekdayName } from './parts.tsx';

export type SeasonPageSeason = {
  id: number;
  number: number;
  name: string;
  status: string;
  startsOn: string;
  endsOn: string;
  weekday: number;
  startTime: string;
  sessionMinutes: number;
  goal: string;
  votesPerMember: number;
  scheduleStatus: string;
  version: number;
};
export type SeasonPerson = { userId: number; name: string; noPresenting: boolean; away: string[] };
export type ScheduleRow = { id: number; position: number; day: string; paperTitle: string | null; presenterName: string | null; reviewerName: string | null };
/** Messages of a refused action, shown next to its form. */
export type SeasonProblems = { person?: string; away?: string; join?: string; status?: string };

export type SeasonPageProps = {
  season: SeasonPageSeason;
  dates: string[];
  skipDates: string[];
  areaNames: string[];
  /** Current participants, sorted for the viewer. */
  people: SeasonPerson[];
  viewer: { id: number; manager: boolean; me: SeasonPerson | null };
  /** The published schedule, or null while there is none. */
  sessions: ScheduleRow[] | null;
  paperCount: number;
  /** Names for the add-person input, or null when the team is too large to list. */
  suggestions: string[] | null;
  nextStatus: string | null;
  problems?: SeasonProblems;
  personValue?: string;
};

const Alert = (p: { text?: string }) => (p.text ? <p class="error-summary" role="alert">{p.text}</p> : null);
const awayLine = (days: string[]) => t('study.people.awayOn', { dates: days.map(spokenDay).join(', ') });

function Facts(p: SeasonPageProps) {
  const s = p.season;
  return (
    <dl class="card st-facts">
      <dt>{t('study.season.field.goal')}</dt>
      <dd>{s.goal || t('common.none')}</dd>
      <dt>{t('study.season.field.dates')}</dt>
      <dd>{t('study.season.span', { start: tableDay(s.startsOn), end: tableDay(s.endsOn) })}</dd>
      <dt>{t('study.season.cadence')}</dt>
      <dd>{t('study.season.cadenceLine', { weekday: weekdayName(s.weekday), time: s.startTime, minutes: s.sessionMinutes })}</dd>
      <dt>{t('study.season.sessions')}</dt>
      <dd>
        {p.dates.length > 0 ? t('study.season.sessionsLine', { count: p.dates.length, first: spokenDay(p.dates[0]), last: spokenDay(p.dates[p.dates.length - 1]) }) : t('study.season.noDates')}
      </dd>
      <dt>{t('study.season.field.skipDates')}</dt>
      <dd>{p.skipDates.length > 0 ? p.skipDates.map(spokenDay).join(', ') : t('common.none')}</dd>
      <dt>{t('study.season.field.areas')}</dt>
      <dd>{p.areaNames.length > 0 ? p.areaNames.map((n) => <span class="tag area">{n}</span>) : t('study.season.noAreas')}</dd>
      <dt>{t('study.season.field.votesPerMember')}</dt>
      <dd>{s.votesPerMember}</dd>
    </dl>
  );
}

function People(p: SeasonPageProps) {
  const s = p.season;
  const base = `/study/seasons/${s.id}`;
  const me = p.viewer.me;
  return (
    <section aria-labelledby="st-people">
      <h2 id="st-people">{t('study.people.count', { count: p.people.length })}</h2>
      <Alert text={p.problems?.join} />
      {p.people.length === 0 ? (
        <EmptyState>{t('study.people.empty')}</EmptyState>
      ) : (
        <ul class="plain st-people">
          {p.people.map((m) => (
            <li>
              <strong>{m.name}</strong>
              {m.noPresenting && <span class="tag">{t('study.people.noPresenting')}</span>}
              {m.away.length > 0 && <span class="muted"> · {awayLine(m.away)}</span>}
              {p.viewer.manager && m.userId !== p.viewer.id && (
                <form method="post" action={`${base}/participants/${m.userId}/remove`} class="inline">
                  {' '}
                  <button type="submit" class="link" aria-label={t('study.people.removeNamed', { name: m.name })}>
                    {t('study.people.remove')}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {s.status !== 'finished' && (
        <form method="post" action={`${base}/${me ? 'leave' : 'join'}`}>
          <button type="submit" class={me ? 'secondary' : undefined}>
            {me ? t('study.people.leave') : t('study.people.join')}
          </button>
        </form>
      )}
      {me && (
        <form method="post" action={`${base}/no-presenting`} class="st-inline-form">
          <input type="hidden" name="noPresenting" value={me.noPresenting ? '0' : '1'} />
          <button type="submit" class="secondary">
            {me.noPresenting ? t('study.people.presentAgain') : t('study.people.optOut')}
          </button>{' '}
          <small class="hint">{t('study.people.optOutHint')}</small>
        </form>
      )}
      {me && p.dates.length > 0 && (
        <form method="post" action={`${base}/away`} class="card st-away">
          <fieldset>
            <legend>{t('study.people.awayTitle')}</legend>
            <small class="hint">{t('study.people.awayHint')}</small>
            <Alert text={p.problems?.away} />
            <div class="chip-list">
              {p.dates.map((d) => (
                <label class="chip area">
                  <input type="checkbox" name="days" value={d} checked={me.away.includes(d)} />
                  {spokenDay(d)}
                </label>
              ))}
            </div>
          </fieldset>
          <button type="submit">{t('study.people.awaySave')}</button>
        </form>
      )}
      {p.viewer.manager && (
        <form method="post" action={`${base}/participants`} class="card st-add">
          <div class={p.problems?.person ? 'field has-error' : 'field'}>
            <label for="st-person">{t('study.people.add')}</label>
            <input id="st-person" name="person" type="text" value={p.personValue ?? ''} list={p.suggestions ? 'st-team' : undefined} autocomplete="off" required aria-invalid={p.problems?.person ? 'true' : undefined} aria-describedby="st-person-msg" />
            <small id="st-person-msg" class={p.problems?.person ? 'error' : 'hint'} role={p.problems?.person ? 'alert' : undefined}>
              {p.problems?.person ?? t('study.people.addHint')}
            </small>
            {p.suggestions && (
              <datalist id="st-team">
                {p.suggestions.map((n) => (
                  <option value={n} />
                ))}
              </datalist>
            )}
          </div>
          <button type="submit">{t('study.people.addButton')}</button>
        </form>
      )}
    </section>
  );
}

function Schedule(p: { sessions: ScheduleRow[] }) {
  return (
    <div class="table-wrap">
      <table class="list st-schedule st-cards">
        <thead>
          <tr>
            <th scope="col">{t('study.season.session')}</th>
            <th scope="col">{t('study.season.date')}</th>
            <th scope="col">{t('study.season.paper')}</th>
            <th scope="col">{t('study.season.presenter')}</th>
            <th scope="col">{t('study.season.reviewer')}</th>
          </tr>
        </thead>
        <tbody>
          {p.sessions.map((s) => (
            <tr>
              <td data-label={t('study.season.session')}>
                <a href={`/study/sessions/${s.id}`}>{t('study.season.sessionNumber', { n: s.position })}</a>
              </td>
              <td data-label={t('study.season.date')}>{tableDay(s.day)}</td>
              <td data-label={t('study.season.paper')} class={s.paperTitle ? undefined : 'st-gap'}>{s.paperTitle ?? t('study.season.noPaper')}</td>
              <td data-label={t('study.season.presenter')} class={s.presenterName ? undefined : 'st-gap'}>{nameOrGap(s.presenterName)}</td>
              <td data-label={t('study.season.reviewer')} class={s.reviewerName ? undefined : 'st-gap'}>{nameOrGap(s.reviewerName)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SeasonPage(p: SeasonPageProps) {
  const s = p.season;
  const base = `/study/seasons/${s.id}`;
  return (
    <section class="st-page">
      <p>
        <a href="/study">{t('study.list.title')}</a>
      </p>
      <div class="st-head">
        <h1>
          {t('study.season.numbered', { number: s.number })} <span class="muted">{s.name}</span> <SeasonStatusTag status={s.status} />
        </h1>
      </div>
      <nav class="st-links" aria-label={t('study.season.linksLabel')}>
        <a href={`${base}/papers`}>{t('study.season.papersLink', { count: p.paperCount })}</a>
        {p.viewer.manager && <a href={`${base}/schedule`}>{t('study.season.planLink')}</a>}
        <a href={`${base}/report`}>{t('study.season.reportLink')}</a>
        {p.viewer.manager && <a href={`${base}/edit`}>{t('common.edit')}</a>}
      </nav>
      {p.viewer.manager && p.nextStatus && (
        <form method="post" action={`${base}/status`} class="st-inline-form">
          <VersionInput version={s.version} />
          <input type="hidden" name="status" value={p.nextStatus} />
          <button type="submit" class="secondary">
            {t(keyFor('study.season.moveTo.', p.nextStatus))}
          </button>
          <Alert text={p.problems?.status} />
        </form>
      )}
      <Facts {...p} />
      <People {...p} />
      <section aria-labelledby="st-schedule">
        <h2 id="st-schedule">{t('study.season.scheduleTitle')}</h2>
        {p.sessions ? <Schedule sessions={p.sessions} /> : <EmptyState>{p.viewer.manager ? t('study.season.noScheduleManager') : t('study.season.noSchedule')}</EmptyState>}
      </section>
    </section>
  );
}
