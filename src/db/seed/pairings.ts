// Demo data of the pairings feature, added by `npm run demo`: four past accepted rounds and one running study circle.
import type { Db } from '../client.ts';
import type { DemoTeam } from './demo-team.ts';
import { DEFAULT_WEIGHTS, proposePairs, type IdPair, type Person } from '../../planning/pairing/index.ts';
import { levelsAsOf } from '../../ratings/levels-as-of.ts';
import { suggestStudyCircles } from '../../planning/study-circles.ts';
import { acceptCircle, acceptDraft, createDraftRound, getRound, pairHistory, planningData, type RoundSettings } from '../../pairings/queries.ts';

const WEEK_MS = 7 * 86_400_000;

/** Past rounds, oldest first: weeks before `now`, who was away (by member index), pairs the manager locked, and the note. */
const ROUNDS: Array<{ weeksAgo: number; away: number[]; locks?: Array<[number, number]>; note: string }> = [
  // Half a year ago, for the outcomes page: 최유진 grew in zero-shot retrieval with 이서연, Tom Becker did not in embedding with Joon (see skills.ts).
  { weeksAgo: 26, away: [10], locks: [[2, 8], [1, 7]], note: 'First mentoring round: zero-shot with 이서연, embeddings with Joon.' },
  { weeksAgo: 6, away: [5], note: 'Before the embedding release: pair the experts with the people who want to learn it.' },
  { weeksAgo: 4, away: [], note: 'Whole team in; rotation first.' },
  { weeksAgo: 2, away: [8, 10], note: 'Yujin and Doyun at the conference.' },
];

/** The team as it stood at `at`: effective levels from the rating history (interests as they are now). */
async function teamAsOf(db: Db, people: Person[], at: Date): Promise<Person[]> {
  const levels = new Map<number, Record<number, number>>();
  for (const l of await levelsAsOf(db, [at.getTime()])) levels.set(l.userId, { ...levels.get(l.userId), [l.areaId]: l.level });
  return people.map((p) => ({ ...p, levels: levels.get(p.id) ?? {} }));
}

/**
 * The rounds are planned by the real planner at their own dates, on the levels of that day and the history
 * of the rounds before, so rotation and the history grid show what the app itself would have produced.
 */
export async function seedPairings(db: Db, team: DemoTeam, now: Date): Promise<void> {
  const data = await planningData(db);
  const areas = data.areas.map((a) => ({ id: a.id, name: a.name, minExperts: a.minExperts }));
  for (const round of ROUNDS) {
    const at = new Date(now.getTime() - round.weeksAgo * WEEK_MS);
    const settings: RoundSettings = {
      presentIds: team.members.filter((_, i) => !round.away.includes(i)).map((m) => m.id),
      areaIds: [],
      weights: DEFAULT_WEIGHTS,
      odd: 'trio',
      locks: (round.locks ?? []).map(([a, b]): IdPair => [team.members[a].id, team.members[b].id]),
      forbids: [],
    };
    const result = proposePairs({ ...settings, team: await teamAsOf(db, data.people, at), areas, history: await pairHistory(db), now: at });
    if (!result.ok) throw new Error(`demo pairing round failed: ${result.error.code}`);
    const draft = await createDraftRound(db, { settings, groups: result.proposal.groups, weightsVersion: 0, createdBy: team.manager.id, now: at });
    if (!draft.ok) throw new Error('demo pairing weights conflict');
    const { version } = (await getRound(db, draft.roundId))!;
    await acceptDraft(db, draft.roundId, version, round.note, team.manager.id, at);
  }
  const [circle] = suggestStudyCircles(data.people, areas);
  if (circle) {
    const learnerIds = circle.learners.map((l) => l.id);
    await acceptCircle(db, { areaId: circle.areaId, leaderId: circle.leader.id, learnerIds }, team.manager.id, new Date(now.getTime() - 3 * WEEK_MS));
  }
}
