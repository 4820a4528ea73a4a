// This feature's section of the dashboard (/): what it shows the signed-in user about risks and stale ratings.
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { byRisk, type Coverage } from '../planning/skills.ts';
import { byName } from '../../views/i18n/index.ts';
import type { MatrixModel } from '../matrix/model.ts';
import { figuresOf, neverRated, ownFigures, staleCounts, type Capped } from './coverage.ts';

/** People a manager's dashboard lists per heading; the rest are a count and the matrix (a dashboard is a glance at any team size). */
export const DASHBOARD_PEOPLE = 10;

type Person = { id: number; name: string };
export type SkillsDashboardData =
  | { role: 'member'; userId: number; hasAreas: boolean; neverRated: boolean; staleCount: number }
  | {
      role: 'manager';
      hasAreas: boolean;
      /** Areas at risk, riskiest first. */
      risky: Array<{ area: { name: string; minExperts: number }; coverage: Coverage }>;
      /** Members with stale ratings, most first (the first DASHBOARD_PEOPLE of `total`). */
      stale: Capped<{ member: Person; count: number }>;
      neverRated: Capped<Person>;
    };

/** A member reads only their own ratings; a manager's figures come from the matrix model (`model`: read once for the page's sections). */
export async function skillsDashboard(c: Context<AppEnv>, model: () => Promise<MatrixModel>): Promise<SkillsDashboardData> {
  const user = c.get('user')!;
  const db = c.get('db');
  const now = c.get('now')();
  if (user.role !== 'manager') return { role: 'member', userId: user.id, ...(await ownFigures(db, user.id, now)) };
  const m = await model();
  const [areas, stale, never] = [figuresOf(m), staleCounts(m, now, DASHBOARD_PEOPLE), neverRated(m, DASHBOARD_PEOPLE)];
  const byMemberName = byName(stale.top.map((s) => ({ ...s, name: s.member.name })));
  return {
    role: 'manager',
    hasAreas: areas.length > 0,
    risky: byRisk(areas).filter((x) => x.coverage.risk !== 'ok'),
    stale: { top: byMemberName.sort((a, b) => b.count - a.count).map(({ member, count }) => ({ member, count })), total: stale.total },
    neverRated: { top: byName(never.top), total: never.total },
  };
}
