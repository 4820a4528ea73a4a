// This feature's section of the dashboard (/), for the signed-in user: risks and stale ratings.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv } from '../env.ts';
import { coverageByArea, loadMatrix, ratingOf } from '../matrix/queries.ts';
import { byRisk, neverRatedThemselves, staleByMember, type Risk } from '../planning/skills.ts';
import { byName, t } from '../../views/i18n/index.ts';

const RISKS: Risk[] = ['blocker', 'single', 'thin'];
const TAG: Record<Risk, string> = { blocker: 'bad', single: 'bad', thin: 'warn', ok: 'ok' };

export async function skillsDashboard(c: Context<AppEnv>): Promise<Child> {
  const user = c.var.user!;
  const now = c.var.now();
  const data = await loadMatrix(c.var.db);
  const get = ratingOf(data.ratings);
  const areaIds = data.areas.map((a) => a.id);
  const team = byName(data.team);
  if (user.role !== 'manager') {
    const mine = staleByMember(team.filter((m) => m.id === user.id), areaIds, get, now)[0]?.areaIds.length ?? 0;
    const never = neverRatedThemselves(team.filter((m) => m.id === user.id), data.ratings.values()).length > 0;
    return (
      <section class="card skills-dash">
        <h2>{t('dashboard.mySkills')}</h2>
        {data.areas.length === 0 ? (
          <p class="muted">{t('card.noAreas')}</p>
        ) : never ? (
          <p>
            {t('dashboard.notRated')} <a href={`/members/${user.id}`}>{t('dashboard.updateLink')}</a>
          </p>
        ) : mine > 0 ? (
          <p>
            <span class="tag warn">{t('rating.stale')}</span> {t('dashboard.myStaleText', { count: mine })} <a href={`/members/${user.id}`}>{t('dashboard.updateLink')}</a>
          </p>
        ) : (
          <p class="muted">
            {t('dashboard.allFresh')} <a href={`/members/${user.id}`}>{t('dashboard.myCard')}</a>
          </p>
        )}
      </section>
    );
  }
  const coverage = coverageByArea(data);
  const risky = byRisk(data.areas.map((a) => ({ area: a, coverage: coverage.get(a.id)! }))).filter((x) => x.coverage.risk !== 'ok');
  const stale = staleByMember(team, areaIds, get, now);
  const never = neverRatedThemselves(team, data.ratings.values());
  return (
    <section class="card skills-dash">
      <h2>{t('dashboard.skills')}</h2>
      {data.areas.length === 0 ? (
        <p class="muted">
          {t('matrix.noAreas')} <a href="/areas">{t('matrix.addAreas')}</a>
        </p>
      ) : (
        <>
          <h3>{t('dashboard.riskiest')}</h3>
          {risky.length === 0 ? (
            <p class="muted">{t('dashboard.noRisk')}</p>
          ) : (
            <>
              <p class="risk-counts">
                {RISKS.map((r) => ({ r, n: risky.filter((x) => x.coverage.risk === r).length }))
                  .filter((x) => x.n > 0)
                  .map((x) => (
                    <span class={`tag ${TAG[x.r]}`}>{t(`dashboard.riskCount.${x.r}`, { count: x.n })}</span>
                  ))}
              </p>
              <ul class="plain risk-list">
                {risky.slice(0, 6).map(({ area, coverage: cov }) => (
                  <li>
                    <strong>{area.name}</strong> — {t(`matrix.risk.${cov.risk}`, { min: area.minExperts })} · {t('dashboard.expertsOf', { experts: cov.experts, min: area.minExperts })}
                    {cov.growing > 0 && <span class="muted"> · {t('dashboard.growing', { count: cov.growing })}</span>}
                  </li>
                ))}
              </ul>
            </>
          )}
          <h3>{t('dashboard.staleTeam')}</h3>
          {stale.length === 0 ? (
            <p class="muted">{t('dashboard.noStale')}</p>
          ) : (
            <ul class="plain">
              {stale.map((s) => (
                <li>
                  <a href={`/members/${s.member.id}`}>{s.member.name}</a>: {s.areaIds.length}
                </li>
              ))}
            </ul>
          )}
          <h3>{t('dashboard.neverRated')}</h3>
          {never.length === 0 ? (
            <p class="muted">{t('dashboard.everyoneRated')}</p>
          ) : (
            <p>
              {never.map((m, i) => (
                <>
                  {i > 0 && ', '}
                  <a href={`/members/${m.id}`}>{m.name}</a>
                </>
              ))}
            </p>
          )}
          <p>
            <a href="/matrix">{t('dashboard.openMatrix')}</a>
          </p>
        </>
      )}
    </section>
  );
}
