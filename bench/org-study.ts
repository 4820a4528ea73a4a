// The study seasons of a generated organisation: finished seasons and one running, each 40 people, 60 papers, 24 sessions.
import type { DbOrTx } from '../src/db/client.ts';
import { studyAttendance, studyEvidence, studyPaperAreas, studyPapers, studyParticipants, studySeasonAreas, studySeasons, studySessions, studyVotes } from '../src/db/schema/index.ts';
import { DAY_MS, isoDay } from '../src/domain.ts';
import { linkKeyOf } from '../src/study/paper-link.ts';

export type OrgStudy = {
  /** Oldest first; the last one is running (its first half of sessions held). */
  seasonIds: number[];
  /** A held session of the running season. */
  sessionId: number;
};

const PARTICIPANTS = 40;
const PAPERS = 60;
const SESSIONS = 24;
const VOTES = 5;
const WEEK_MS = 7 * DAY_MS;

type Insert = (table: Parameters<DbOrTx['insert']>[0], rows: Array<Record<string, unknown>>) => Promise<void>;

/**
 * One season per 200 members beyond the first two (2 at 50, 3 at 200, 7 at 1,000), 24 weekly sessions each
 * back to back up to now. Paper links repeat across seasons ("read in season 2"), as a real team's do.
 */
export async function generateStudy(
  tx: DbOrTx,
  o: { managerId: number; memberIds: number[]; areaIds: number[]; rnd: () => number; now: number; insertAll: Insert },
): Promise<OrgStudy> {
  const { rnd, now } = o;
  const pickSome = <T>(xs: readonly T[], n: number) => [...xs].sort(() => rnd() - 0.5).slice(0, n);
  const count = 2 + Math.floor(o.memberIds.length / 200);
  const seasonIds: number[] = [];
  let sessionId = 0;
  for (let k = 0; k < count; k++) {
    const running = k === count - 1;
    // The running season started 12 weeks ago; each earlier one ended the week before the next began.
    const start = now - (12 + (count - 1 - k) * (SESSIONS + 1)) * WEEK_MS;
    const days = Array.from({ length: SESSIONS }, (_, i) => isoDay(start + i * WEEK_MS));
    const [season] = await tx
      .insert(studySeasons)
      .values({
        number: k + 1,
        name: `Bench season ${k + 1}`,
        startsOn: days[0],
        endsOn: days[SESSIONS - 1],
        weekday: new Date(start).getUTCDay(),
        startTime: '17:00',
        status: running ? 'running' : 'finished',
        scheduleStatus: 'published',
        scheduleVersion: 1,
        publishedAt: start - WEEK_MS,
        createdBy: o.managerId,
        createdAt: start - 3 * WEEK_MS,
      })
      .returning({ id: studySeasons.id });
    seasonIds.push(season.id);
    const people = pickSome(o.memberIds, PARTICIPANTS);
    await o.insertAll(studySeasonAreas, pickSome(o.areaIds, 3).map((areaId) => ({ seasonId: season.id, areaId })));
    await o.insertAll(studyParticipants, people.map((userId) => ({ seasonId: season.id, userId, joinedAt: start - 2 * WEEK_MS })));
    const paperIds = (
      await tx
        .insert(studyPapers)
        .values(
          Array.from({ length: PAPERS }, (_, i) => {
            const n = k * 30 + i;
            return { seasonId: season.id, title: `Bench paper ${n}`, url: `https://example.org/papers/${n}`, linkKey: linkKeyOf(`https://example.org/papers/${n}`), proposedBy: people[i % people.length], proposedAt: start - 2 * WEEK_MS };
          }),
        )
        .returning({ id: studyPapers.id })
    ).map((r) => r.id);
    const paperAreas = paperIds.flatMap((paperId) => pickSome(o.areaIds, 1 + Math.floor(rnd() * 2)).map((areaId) => ({ paperId, areaId })));
    await o.insertAll(studyPaperAreas, paperAreas);
    await o.insertAll(studyVotes, people.flatMap((userId) => pickSome(paperIds, VOTES).map((paperId) => ({ paperId, userId, seasonId: season.id, createdAt: start - WEEK_MS }))));
    const sessions = await tx
      .insert(studySessions)
      .values(days.map((day, i) => ({ seasonId: season.id, position: i + 1, day, paperId: paperIds[i], presenterId: people[i % people.length], reviewerId: people[(i + 7) % people.length] })))
      .returning({ id: studySessions.id, day: studySessions.day, presenterId: studySessions.presenterId });
    const held = sessions.filter((s) => s.day <= isoDay(now));
    const marked = (day: string) => Date.parse(`${day}T18:00:00Z`);
    await o.insertAll(
      studyAttendance,
      held.flatMap((s) => people.map((userId) => ({ sessionId: s.id, userId, status: rnd() < 0.85 ? 'came' : rnd() < 0.6 ? 'excused' : 'missed', markedBy: o.managerId, markedAt: marked(s.day) }))),
    );
    await o.insertAll(studyEvidence, held.map((s, i) => ({ sessionId: s.id, userId: s.presenterId, areaId: paperAreas.find((a) => a.paperId === paperIds[i])!.areaId, role: 'presenter', createdAt: marked(s.day) })));
    if (running) sessionId = held[held.length - 1].id;
  }
  return { seasonIds, sessionId };
}
