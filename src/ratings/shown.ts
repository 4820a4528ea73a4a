// What a viewer is shown of one rating: its level and marks, evidence split into text and links, and
// the manager note only for those who may read it.
import { ratingMarks, type RatingMarks } from '../planning/skills.ts';
import type { Rating } from './queries.ts';
import { linkify } from './rules.ts';

export type ShownRating = Pick<Rating, 'selfLevel' | 'managerLevel' | 'interest' | 'evidence' | 'confirmedAt' | 'version'> &
  RatingMarks & {
    evidenceParts: Array<{ text: string; href?: string }>;
    /** Null when the viewer may not read it. */
    managerNote: string | null;
  };

export function shownRating(r: Rating, now: Date, seesNote: boolean): ShownRating {
  return {
    selfLevel: r.selfLevel,
    managerLevel: r.managerLevel,
    interest: r.interest,
    evidence: r.evidence,
    confirmedAt: r.confirmedAt,
    version: r.version,
    ...ratingMarks(r, now),
    evidenceParts: linkify(r.evidence),
    managerNote: seesNote ? r.managerNote : null,
  };
}
