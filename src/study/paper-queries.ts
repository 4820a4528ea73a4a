// A season's candidate papers with their votes and areas, earlier readings of a link, proposing, voting and withdrawing.
import { and, count, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db, DbOrTx } from '../db/client.ts';
import { col } from './season-queries.ts';
import { studyPaperAreas, studyPapers, studyParticipants, studySeasons, studySessions, studyVotes, users } from '../db/schema/index.ts';

export type PaperRow = {
  id: number;
  title: string;
  url: string;
  authors: string;
  year: number | null;
  why: string;
  proposedBy: number;
  proposerName: string;
  votes: number;
  voted: boolean;
  areaIds: number[];
  scheduled: boolean;
};

const scheduledSql = sql<number>`exists (select 1 from ${studySessions} where ${col(studySessions.paperId)} = ${col(studyPapers.id)})`;

/** The season's papers that are not withdrawn, with votes, the viewer's vote, areas and whether a session has them (one statement). */
export async function seasonPapers(db: DbOrTx, seasonId: number, viewerId: number): Promise<PaperRow[]> {
  const rows = await db
    .select({
      id: studyPapers.id,
      title: studyPapers.title,
      url: studyPapers.url,
      authors: studyPapers.authors,
      year: studyPapers.year,
      why: studyPapers.why,
      proposedBy: studyPapers.proposedBy,
      proposerName: users.name,
      votes: sql<number>`(select count(*) from ${studyVotes} where ${col(studyVotes.paperId)} = ${col(studyPapers.id)})`,
      voted: sql<number>`exists (select 1 from ${studyVotes} where ${col(studyVotes.paperId)} = ${col(studyPapers.id)} and ${col(studyVotes.userId)} = ${viewerId})`,
      areaIds: sql<string>`(select coalesce(json_group_array(${col(studyPaperAreas.areaId)}), '[]') from ${studyPaperAreas} where ${col(studyPaperAreas.paperId)} = ${col(studyPapers.id)})`,
      scheduled: scheduledSql,
    })
    .from(studyPapers)
    .innerJoin(users, eq(users.id, studyPapers.proposedBy))
    .where(and(eq(studyPapers.seasonId, seasonId), isNull(studyPapers.withdrawnAt)));
  return rows.map((r) => ({ ...r, voted: Boolean(r.voted), scheduled: Boolean(r.scheduled), areaIds: (JSON.parse(r.areaIds) as number[]).sort((a, b) => a - b) }));
}

export async function countPapers(db: DbOrTx, seasonId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(studyPapers).where(and(eq(studyPapers.seasonId, seasonId), isNull(studyPapers.withdrawnAt)));
  return row?.n ?? 0;
}

export async function getPaper(db: DbOrTx, seasonId: number, paperId: number) {
  const [row] = await db
    .select({ paper: studyPapers, scheduled: scheduledSql })
    .from(studyPapers)
    .where(and(eq(studyPapers.id, paperId), eq(studyPapers.seasonId, seasonId)));
  return row ? { ...row.paper, scheduled: Boolean(row.scheduled) } : null;
}

export type EarlierPaper = {
  seasonId: number;
  seasonNumber: number;
  proposerName: string;
  /** The published session that read it, when one did. */
  position: number | null;
  presenterName: string | null;
};

const proposer = alias(users, 'proposer');
const presenter = alias(users, 'presenter');

/** Every paper with this link key that was not withdrawn, in any season, with the published session that read it (one statement). */
export async function papersWithKey(db: DbOrTx, linkKey: string): Promise<EarlierPaper[]> {
  return db
    .select({ seasonId: studyPapers.seasonId, seasonNumber: studySeasons.number, proposerName: proposer.name, position: studySessions.position, presenterName: presenter.name })
    .from(studyPapers)
    .innerJoin(studySeasons, eq(studySeasons.id, studyPapers.seasonId))
    .innerJoin(proposer, eq(proposer.id, studyPapers.proposedBy))
    .leftJoin(studySessions, and(eq(studySessions.paperId, studyPapers.id), sql`${studySeasons.scheduleStatus} = 'published'`))
    .leftJoin(presenter, eq(presenter.id, studySessions.presenterId))
    .where(and(eq(studyPapers.linkKey, linkKey), isNull(studyPapers.withdrawnAt)))
    .orderBy(sql`${studySeasons.number} desc`, sql`${studySessions.position}`);
}

export type PaperInput = { title: string; url: string; linkKey: string; authors: string; year: number | null; why: string; areaIds: number[] };

/**
 * Proposes a paper; null when the season already has one with this key (a concurrent proposal won). A paper
 * withdrawn from this season comes back as the new proposal: its row is reused (the key is unique per season),
 * with the new fields and areas and none of its old votes (they were given back when it was withdrawn).
 */
export async function insertPaper(db: Db, seasonId: number, input: PaperInput, proposedBy: number, now: Date) {
  return db.transaction(async (tx) => {
    const { areaIds, ...values } = input;
    const fields = { ...values, proposedBy, proposedAt: now.getTime() };
    const [row] = await tx
      .insert(studyPapers)
      .values({ ...fields, seasonId })
      .onConflictDoUpdate({
        target: [studyPapers.seasonId, studyPapers.linkKey],
        set: { ...fields, withdrawnAt: null, version: sql`${studyPapers.version} + 1` },
        setWhere: isNotNull(studyPapers.withdrawnAt),
      })
      .returning();
    if (!row) return null;
    await tx.delete(studyPaperAreas).where(eq(studyPaperAreas.paperId, row.id));
    await tx.delete(studyVotes).where(eq(studyVotes.paperId, row.id));
    await tx.insert(studyPaperAreas).values(areaIds.map((areaId) => ({ paperId: row.id, areaId })));
    return row;
  });
}

export type VoteOutcome = 'ok' | 'published' | 'notParticipant' | 'twice' | 'limit' | 'notVoted' | 'withdrawn';

/**
 * Casts or withdraws the viewer's vote on a paper, checking inside one transaction that the schedule
 * is not published, the voter takes part, and (casting) that they have not voted for it and have a
 * vote left: votes on withdrawn papers are given back.
 */
export async function changeVote(db: Db, seasonId: number, paperId: number, userId: number, cast: boolean, now: Date): Promise<VoteOutcome> {
  return db.transaction(async (tx) => {
    const [state] = await tx
      .select({
        scheduleStatus: studySeasons.scheduleStatus,
        limit: studySeasons.votesPerMember,
        withdrawn: sql<number>`(select ${col(studyPapers.withdrawnAt)} is not null from ${studyPapers} where ${col(studyPapers.id)} = ${paperId})`,
        participant: sql<number>`exists (select 1 from ${studyParticipants} where ${col(studyParticipants.seasonId)} = ${seasonId} and ${col(studyParticipants.userId)} = ${userId} and ${col(studyParticipants.leftAt)} is null)`,
        mine: sql<number>`exists (select 1 from ${studyVotes} where ${col(studyVotes.paperId)} = ${paperId} and ${col(studyVotes.userId)} = ${userId})`,
        used: sql<number>`(select count(*) from ${studyVotes} join ${studyPapers} on ${col(studyPapers.id)} = ${col(studyVotes.paperId)} where ${col(studyVotes.seasonId)} = ${seasonId} and ${col(studyVotes.userId)} = ${userId} and ${col(studyPapers.withdrawnAt)} is null)`,
      })
      .from(studySeasons)
      .where(eq(studySeasons.id, seasonId));
    if (state.scheduleStatus === 'published') return 'published';
    if (!cast) {
      if (!state.mine) return 'notVoted';
      await tx.delete(studyVotes).where(and(eq(studyVotes.paperId, paperId), eq(studyVotes.userId, userId)));
      return 'ok';
    }
    if (state.withdrawn) return 'withdrawn';
    if (!state.participant) return 'notParticipant';
    if (state.mine) return 'twice';
    if (state.used >= state.limit) return 'limit';
    await tx.insert(studyVotes).values({ paperId, userId, seasonId, createdAt: now.getTime() });
    return 'ok';
  });
}

/** How many of the season's votes the person has used (votes on withdrawn papers are given back). */
export async function votesUsed(db: DbOrTx, seasonId: number, userId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(studyVotes)
    .innerJoin(studyPapers, eq(studyPapers.id, studyVotes.paperId))
    .where(and(eq(studyVotes.seasonId, seasonId), eq(studyVotes.userId, userId), isNull(studyPapers.withdrawnAt)));
  return row?.n ?? 0;
}

/** Withdraws a paper unless a session has it; false when it is scheduled (or already withdrawn). */
export async function withdrawPaper(db: DbOrTx, paperId: number, now: Date): Promise<boolean> {
  const rows = await db
    .update(studyPapers)
    .set({ withdrawnAt: now.getTime(), version: sql`${studyPapers.version} + 1` })
    .where(and(eq(studyPapers.id, paperId), isNull(studyPapers.withdrawnAt), sql`not exists (select 1 from ${studySessions} where ${col(studySessions.paperId)} = ${paperId})`))
    .returning({ id: studyPapers.id });
  return rows.length > 0;
}
