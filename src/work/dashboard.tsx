// This feature's section of the dashboard (/): a member's own items and share; the manager's team balance and traps.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv } from '../env.ts';
import { shareOf } from '../planning/work-balance.ts';
import { t } from '../../views/i18n/index.ts';
import { CompactItems } from '../../views/work/list.tsx';
import { ShareBar, ShareLegend } from '../../views/work/parts.tsx';
import { balanceOf } from './balance.ts';
import { currentCycle, dayOf, listCycles, listItems } from './queries.ts';

export async function workDashboard(c: Context<AppEnv>): Promise<Child> {
  const user = c.var.user!;
  const { db } = c.var;
  const cycles = await listCycles(db);
  const cycle = currentCycle(cycles, dayOf(c.var.now()));
  if (user.role === 'manager') {
    if (!cycle) {
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
    const { balance, flags } = await balanceOf(c, { cycle, all: false }, cycles);
    const open = (await listItems(db, { cycleId: cycle.id, status: 'open' })).length;
    return (
      <section class="card wk-work-dash" aria-labelledby="work-dash-title">
        <h2 id="work-dash-title">{t('work.dash.teamTitle', { cycle: cycle.name })}</h2>
        <ShareLegend />
        <ShareBar share={balance.team} label={t('work.balance.team')} />
        <p>
          <a href={`/work?cycle=${cycle.id}#flags-title`} class={flags.length > 0 ? 'wk-dash-flags wk-warn-text' : 'wk-dash-flags'}>
            {flags.length > 0 ? t('work.dash.flags', { count: flags.length }) : t('work.dash.noFlags')}
          </a>
        </p>
        <p>{t('work.dash.open', { count: open })}</p>
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
  const mine = await listItems(db, { involving: user.id });
  const active = mine.filter((i) => i.status !== 'done' && i.status !== 'dropped');
  const owned = cycle ? mine.filter((i) => i.cycleId === cycle.id && i.ownerId === user.id) : [];
  return (
    <section class="card wk-work-dash" aria-labelledby="work-dash-title">
      <h2 id="work-dash-title">{t('work.dash.title')}</h2>
      {active.length === 0 ? (
        <p class="muted">{t('work.dash.empty')}</p>
      ) : (
        <CompactItems items={active} user={user} back="/" labelledBy="work-dash-title" />
      )}
      {cycle && (
        <>
          <h3>{t('work.dash.share', { cycle: cycle.name })}</h3>
          <ShareBar share={shareOf(owned)} />
        </>
      )}
      <p>
        <a href="/work">{t('work.dash.all')}</a>
      </p>
    </section>
  );
}
