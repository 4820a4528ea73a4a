// This feature's section of the dashboard (/): what it shows the signed-in user about risks and stale ratings.
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { coverageByArea, loadMatrix, ratingOf } from '../matrix/queries.ts';
import { byRisk, neverRatedThemselves, staleByMember, type Coverage } from '../planning/skills.ts';
import { byName } from '../../views/i18n/index.ts';

type Person = { id: number; name: string };
export type SkillsDashboardData =
  | { role: 'member'; userId: number; hasAreas: boolean; neverRated: boolean; staleCount: number }
  | {
      role: 'manager';
      hasAreas: boolean;
      /** Areas at risk, riskiest first. */
      risky: Array<{ area: { name: string; minExperts: number }; coverage: Coverage }>;
      /** Members with stale ratings, most first. */
      stale: Array<{ member: Person; count: number }>;
      neverRated: Person[];
    };

export async function skillsDashboard(c: Context<AppEnv>): Promise<SkillsDashboardData> {
  const user = c.var.user!;
  const now = c.var.now();
  const data = await loadMatrix(c.var.db);
  const get = ratingOf(data.ratings);
  const areaIds = data.areas.map((a) => a.id);
  const team = byName(data.team);
  const hasAreas = data.areas.length > 0;
  if (user.role !== 'manager') {
    const me = team.filter((m) => m.id === user.id);
    return {
      role: 'member',
      userId: user.id,
      hasAreas,
      neverRated: neverRatedThemselves(me, data.ratings.values()).length > 0,
      staleCount: staleByMember(me, areaIds, get, now)[0]?.areaIds.length ?? 0,
    };
  }
  const coverage = coverageByArea(data);
  const person = (m: Person) => ({ id: m.id, name: m.name });
  return {
    role: 'manager',
    hasAreas,
    risky: byRisk(data.areas.map((a) => ({ area: a, coverage: coverage.get(a.id)! }))).filter((x) => x.coverage.risk !== 'ok'),
    stale: staleByMember(team, areaIds, get, now).map((s) => ({ member: person(s.member), count: s.areaIds.length })),
    neverRated: neverRatedThemselves(team, data.ratings.values()).map(person),
  };
}
