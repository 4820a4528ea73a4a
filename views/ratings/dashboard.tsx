// The skills section of the dashboard: a member's own staleness, or the team's riskiest areas and stale ratings.
import { keyFor, t } from '../i18n/index.ts';

type Person = { id: number; name: string };
type Risk = 'blocker' | 'single' | 'thin' | 'ok';
export type SkillsDashboardProps =
  | { role: 'member'; userId: number; hasAreas: boolean; neverRated: boolean; staleCount: number }
  | {
      role: 'manager';
      hasAreas: boolean;
      /** Areas at risk, riskiest first. */
      risky: Array<{ area: { name: string; minExperts: number }; coverage: { risk: Risk; experts: number; growing: number } }>;
      /** The first few of `total` (the route caps them). */
      stale: { top: Array<{ member: Person; count: number }>; total: number };
      neverRated: { top: Person[]; total: number };
    };

/** "… and 12 more" after a capped list: the whole list is the matrix's. */
function More(p: { shown: number; total: number }) {
  return p.total > p.shown ? <p class="muted">{t('dashboard.morePeople', { count: p.total - p.shown })}</p> : null;
}

const RISKS: Risk[] = ['blocker', 'single', 'thin'];
const TAG: Record<Risk, string> = { blocker: 'bad', single: 'bad', thin: 'warn', ok: 'ok' };
const RISKY_SHOWN = 6;

export function SkillsDashboard(p: SkillsDashboardProps) {
  if (p.role === 'member') {
    const card = `/members/${p.userId}`;
    return (
      <section class="card skills-dash">
        <h2>{t('dashboard.mySkills')}</h2>
        {!p.hasAreas ? (
          <p class="muted">{t('card.noAreas')}</p>
        ) : p.neverRated ? (
          <p>
            {t('dashboard.notRated')} <a href={card}>{t('dashboard.updateLink')}</a>
          </p>
        ) : p.staleCount > 0 ? (
          <p>
            <span class="tag warn">{t('rating.stale')}</span> {t('dashboard.myStaleText', { count: p.staleCount })} <a href={card}>{t('dashboard.updateLink')}</a>
          </p>
        ) : (
          <p class="muted">
            {t('dashboard.allFresh')} <a href={card}>{t('dashboard.myCard')}</a>
          </p>
        )}
      </section>
    );
  }
  return (
    <section class="card skills-dash">
      <h2>{t('dashboard.skills')}</h2>
      {!p.hasAreas ? (
        <p class="muted">
          {t('matrix.noAreas')} <a href="/areas">{t('matrix.addAreas')}</a>
        </p>
      ) : (
        <>
          <h3>{t('dashboard.riskiest')}</h3>
          {p.risky.length === 0 ? (
            <p class="muted">{t('dashboard.noRisk')}</p>
          ) : (
            <>
              <p class="risk-counts">
                {RISKS.map((r) => ({ r, n: p.risky.filter((x) => x.coverage.risk === r).length }))
                  .filter((x) => x.n > 0)
                  .map((x) => (
                    <span class={`tag ${TAG[x.r]}`}>{t(keyFor('dashboard.riskCount.', x.r), { count: x.n })}</span>
                  ))}
              </p>
              <ul class="plain risk-list">
                {p.risky.slice(0, RISKY_SHOWN).map(({ area, coverage: cov }) => (
                  <li>
                    <strong>{area.name}</strong> — {t(`matrix.risk.${cov.risk}`, { min: area.minExperts })} · {t('dashboard.expertsOf', { experts: cov.experts, min: area.minExperts })}
                    {cov.growing > 0 && <span class="muted"> · {t('dashboard.growing', { count: cov.growing })}</span>}
                  </li>
                ))}
              </ul>
            </>
          )}
          <h3>{t('dashboard.staleTeam')}</h3>
          {p.stale.total === 0 ? (
            <p class="muted">{t('dashboard.noStale')}</p>
          ) : (
            <>
              <ul class="plain">
                {p.stale.top.map((s) => (
                  <li>
                    <a href={`/members/${s.member.id}`}>{s.member.name}</a>: {s.count}
                  </li>
                ))}
              </ul>
              <More shown={p.stale.top.length} total={p.stale.total} />
            </>
          )}
          <h3>{t('dashboard.neverRated')}</h3>
          {p.neverRated.total === 0 ? (
            <p class="muted">{t('dashboard.everyoneRated')}</p>
          ) : (
            <>
              <p>
                {p.neverRated.top.map((m, i) => (
                  <>
                    {i > 0 && ', '}
                    <a href={`/members/${m.id}`}>{m.name}</a>
                  </>
                ))}
              </p>
              <More shown={p.neverRated.top.length} total={p.neverRated.total} />
            </>
          )}
          <p>
            <a href="/matrix">{t('dashboard.openMatrix')}</a>
          </p>
        </>
      )}
    </section>
  );
}
