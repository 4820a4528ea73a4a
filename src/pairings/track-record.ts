// The mentors' track record for the pairing planner: their past learners who rose, read from the outcomes of accepted rounds.
import type { DbOrTx } from '../db/client.ts';
import { outcomeInput } from '../growth/outcome-queries.ts';
import { eventOutcomes, mentorTrackRecord } from '../planning/growth/outcomes.ts';
import { trackKey, type TrackRecord, type Weights } from '../planning/pairing/index.ts';

/** Read only when the goal counts (three statements); otherwise empty, and the planner scores as before. */
export async function loadTrackRecord(db: DbOrTx, weights: Weights, now: Date, today: string): Promise<TrackRecord> {
  if (!(weights.trackRecord ?? 0)) return new Map();
  const { input } = await outcomeInput(db, now.getTime(), today);
  return new Map(mentorTrackRecord(eventOutcomes(input)).map((r) => [trackKey(r.mentorId, r.areaId), r.learners]));
}
