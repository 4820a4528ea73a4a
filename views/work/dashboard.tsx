// The work section of the dashboard: a member's own items and share; the manager's team balance and traps.
import { t } from '../i18n/index.ts';
import { CompactItems } from './list.tsx';
import { ShareBar, ShareLegend, type Share, type ShownItem } from './parts.tsx';

type Cycle = { id: number; name: string };

export type WorkDashboardProps =
  | { role: 'manager'; cycle: null }
  | { role: 'manager'; cycle: Cycle; team: Share; flags: number; open: number }
  | { role: 'member'; userId: number; active: ShownItem[]; cycle: Cycle | null; share: Share | null };

export function WorkDashboard(p: WorkDashboardProps) {
  if (p.role === 'manager') {
    if (!p.cycle) {
      return (
        <section class="card wk-work-dash">
          <h2>{t('work.title')}</h2>
          <p class="muted">{t('work.dash.noCycle')}</p>
          <p>
            <a href="/work/cycles#add">{t('work.cycle.add')}</a>
          </p>
        </section>
      );
    }
    const { cycle } = p;
    return (
      <section class="card wk-work-dash" aria-labelledby="work-dash-title">
        <h2 id="work-dash-title">{t('work.dash.teamTitle', { cycle: cycle.name })}</h2>
        <ShareLegend />
        <ShareBar share={p.team} label={t('work.balance.team')} />
        <p>
          <a href={`/work?cycle=${cycle.id}#flags-title`} class={p.flags > 0 ? 'wk-dash-flags wk-warn-text' : 'wk-dash-flags'}>
            {p.flags > 0 ? t('work.dash.flags', { count: p.flags }) : t('work.dash.noFlags')}
          </a>
        </p>
        <p>{t('work.dash.open', { count: p.open })}</p>
        <p class="wk-head-actions">
          <a class="button" href={`/work/plan?cycle=${cycle.id}`}>
            {t('work.dash.plan')}
          </a>
          <a class="button secondary" href={`/work?cycle=${cycle.id}`}>
            {t('work.dash.all')}
          </a>
        </p>
      </section>
    );
  }
  return (
    <section class="card wk-work-dash" aria-labelledby="work-dash-title">
      <h2 id="work-dash-title">{t('work.dash.title')}</h2>
      {p.active.length === 0 ? (
        <p class="muted">{t('work.dash.empty')}</p>
      ) : (
        <CompactItems items={p.active} userId={p.userId} back="/" labelledBy="work-dash-title" />
      )}
      {p.cycle && p.share && (
        <>
          <h3>{t('work.dash.share', { cycle: p.cycle.name })}</h3>
          <ShareBar share={p.share} />
        </>
      )}
      <p>
        <a href="/work">{t('work.dash.all')}</a>
      </p>
    </section>
  );
}
