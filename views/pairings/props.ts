// What the pairings views are given: rounds, groups, reasons and names as plain data (routes check the fit).

/** Display names by person id and by area id (archived areas and inactive people included). */
export type Names = { people: ReadonlyMap<number, string>; areas: ReadonlyMap<number, string> };

export type PairReasonView = {
  kind: 'pair';
  memberIds: readonly [number, number];
  mentoring: { areaId: number; mentor: { id: number; level: number }; learner: { id: number; level: number; interest: number } } | null;
  sharedAreaId: number | null;
  /** null = never paired. */
  lastPairedDaysAgo: number | null;
  coverage: 'blocker' | 'single-expert' | 'thin' | null;
  /** Set when the mentor's track record counted: their past learners who rose in the area. */
  trackRecord?: { learners: number };
};

/** Why a group was formed, as the planner's codes. */
export type ReasonView =
  | PairReasonView
  | { kind: 'trio'; centreId: number; links: readonly [PairReasonView, PairReasonView] }
  | { kind: 'solo'; personId: number };

export type MemberRole = 'mentor' | 'learner' | 'peer' | 'solo';

export type GroupView = {
  id: number;
  kind: 'mentoring' | 'peers' | 'solo';
  areaId: number | null;
  scoreUnits: number;
  reason: ReasonView;
  locked: boolean;
  members: ReadonlyArray<{ userId: number; role: MemberRole }>;
};

export type RoundView = {
  id: number;
  status: 'draft' | 'accepted' | 'discarded';
  note: string;
  createdBy: number;
  createdAt: number;
  acceptedBy: number | null;
  acceptedAt: number | null;
  version: number;
  /** boundUnits: set when the planner stopped at its time limit (the best possible total is at most this). */
  settings: { boundUnits?: number };
  groups: GroupView[];
};

export type CircleView = { id: number; areaId: number; leaderId: number; acceptedAt: number; version: number; learnerIds: number[] };
