// Who takes part, as the planner form shows it at any team size: the people matching a name search (away ones first), at most a page of them; everyone else present rides along as hidden ids.
import { nameMatches } from '../planning/skills.ts';

/** Checkboxes the form shows at most; at 1,000 people the rest are found by the name search. */
export const PARTICIPANTS_SHOWN = 50;

export type ParticipantList<P> = {
  /** The people shown as checkboxes, in the order given: those matching the search, away ones picked first. */
  shown: Array<P & { present: boolean }>;
  /** Ids of present people not shown: hidden inputs, so the form still submits everyone who takes part. */
  carried: string[];
  /** How many match the search; how many take part; how many people there are. */
  matching: number;
  present: number;
  total: number;
};

/** `people` in display order; `present` as the form sent it (raw ids). */
export function participantList<P extends { id: number; name: string }>(people: P[], present: string[], who: string, limit = PARTICIPANTS_SHOWN): ParticipantList<P> {
  const isPresent = new Set(present);
  const matching = people.filter((p) => nameMatches(p.name, who)).map((p) => ({ ...p, present: isPresent.has(String(p.id)) }));
  // Away people are picked first (they are the choice a manager makes), then shown in the given order.
  const picked = new Set([...matching.filter((p) => !p.present), ...matching.filter((p) => p.present)].slice(0, limit).map((p) => p.id));
  const shown = matching.filter((p) => picked.has(p.id));
  const shownIds = new Set(shown.map((p) => String(p.id)));
  return {
    shown,
    // Unknown ids ride along too: the planner answers them with its own error, as before.
    carried: [...isPresent].filter((id) => !shownIds.has(id)),
    matching: matching.length,
    present: people.filter((p) => isPresent.has(String(p.id))).length,
    total: people.length,
  };
}
