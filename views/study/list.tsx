// /study: the viewer's next session, then every season newest first (or what to do when there is none).
import { EmptyState } from '../components.tsx';
import { t } from '../i18n/index.ts';
import { nameOrGap, SeasonStatusTag, spokenDay, tableDay } from './parts.tsx';

export type SeasonListRow = { id: number; number: number; name: string; startsOn: string; endsOn: string; status: string; participants: number };
export type NextSession = { id: number; day: string; startTime: string; seasonNumber: number; paperTitle: string | null; presenterName: string | null; reviewerName: string | null };

function NextSessionCard(p: { next: NextSession }) {
  const n = p.next;
  return (
    <section class="card st-next" aria-labelledby="st-next-title">
      <h2 id="st-next-title">{t('study.list.nextTitle')}</h2>
      <p>
        <strong>{t('study.list.nextWhen', { date: spokenDay(n.day), time: n.startTime, season: n.seasonNumber })}</strong>
        {' · '}
        <a href={`/study/sessions/${n.id}`}>{n.paperTitle ?? t('study.season.noPaper')}</a>
      </p>
      <p class="muted">{t('study.list.nextPeople', { presenter: nameOrGap(n.presenterName), reviewer: nameOrGap(n.reviewerName) })}</p>
    </section>
  );
}

export function StudyListPage(p: { seasons: SeasonListRow[]; next: NextSession | null; manager: boolean; nextNumber: number }) {
  return (
    <section class="st-page">
      <div class="st-head">
        <h1>{t('study.list.title')}</h1>
        {p.manager && p.seasons.length > 0 && (
          <a class="button" href="/study/seasons/new">
            {t('study.list.new')}
          </a>
        )}
      </div>
      <p class="intro">{t('study.list.intro')}</p>
      {p.next && <NextSessionCard next={p.next} />}
      {p.seasons.length === 0 ? (
        <EmptyState>
          {p.manager ? (
            <>
              {t('study.list.emptyManager')}{' '}
              <a href="/study/seasons/new">{t('study.list.createFirst', { number: p.nextNumber })}</a>
            </>
          ) : (
            t('study.list.emptyMember')
          )}
        </EmptyState>
      ) : (
        <div class="table-wrap">
          <table class="list st-seasons st-cards">
            <caption class="pair-sr">{t('study.list.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('study.season.field.name')}</th>
                <th scope="col">{t('study.season.field.status')}</th>
                <th scope="col">{t('study.season.field.dates')}</th>
                <th scope="col" class="num">
                  {t('study.people.title')}
                </th>
              </tr>
            </thead>
            <tbody>
              {p.seasons.map((s) => (
                <tr>
                  <td data-label={t('study.season.field.name')}>
                    <a href={`/study/seasons/${s.id}`}>{t('study.season.numbered', { number: s.number })}</a> <span class="muted">{s.name}</span>
                  </td>
                  <td data-label={t('study.season.field.status')}>
                    <SeasonStatusTag status={s.status} />
                  </td>
                  <td data-label={t('study.season.field.dates')}>{t('study.season.span', { start: tableDay(s.startsOn), end: tableDay(s.endsOn) })}</td>
                  <td class="num" data-label={t('study.people.title')}>
                    {s.participants}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
