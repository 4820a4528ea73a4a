// The study section of the dashboard: "You present *SimCSE* on 12월 12일 (목), reviewer 김민아", one line per upcoming role.
import { formatDay, t } from '../i18n/index.ts';
import { WithTitle } from './evidence.tsx';

export type StudyDashboardProps = {
  roles: Array<{ sessionId: number; day: string; role: 'presenter' | 'reviewer'; paperTitle: string; otherName: string | null }>;
};

function sentence(r: StudyDashboardProps['roles'][number], paper: string): string {
  const day = formatDay(Date.parse(`${r.day}T00:00:00Z`));
  if (r.role === 'presenter') return r.otherName ? t('study.dash.present', { paper, day, reviewer: r.otherName }) : t('study.dash.presentAlone', { paper, day });
  return r.otherName ? t('study.dash.review', { paper, day, presenter: r.otherName }) : t('study.dash.reviewAlone', { paper, day });
}

/** Nothing at all when the viewer has no upcoming role: the dashboard stays about what needs them. */
export function StudyDashboard(p: StudyDashboardProps) {
  if (p.roles.length === 0) return null;
  return (
    <section class="card st-dash" aria-labelledby="study-dash-title">
      <h2 id="study-dash-title">{t('study.dash.title')}</h2>
      <ul class="plain">
        {p.roles.map((r) => {
          const paper = r.paperTitle || t('study.session.noPaper');
          return (
            <li>
              <a href={`/study/sessions/${r.sessionId}`}>
                <WithTitle text={sentence(r, paper)} title={paper} />
              </a>
            </li>
          );
        })}
      </ul>
      <p class="st-actions">
        <a href="/study">{t('study.dash.all')}</a>
        <a href="/study/calendar">{t('study.calendar.link')}</a>
      </p>
    </section>
  );
}
