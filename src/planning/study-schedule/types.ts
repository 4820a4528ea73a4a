// The study-schedule planner's input and output: plain data and codes, no words (the codes, which views put into words, are in src/domain.ts).
import type { AreaRisk, SessionReason, Unmet } from '../../domain.ts';

export interface ScheduleArea {
  id: number;
  /** The team's bus-factor risk in the area (skills.ts busFactorRisk), null when covered. */
  risk: AreaRisk | null;
  /** One of the season's focus areas. */
  focus: boolean;
}

export interface SchedulePaper {
  id: number;
  votes: number;
  areaIds: number[];
}

export interface ScheduleParticipant {
  id: number;
  /** Asked not to present this season (may still review). */
  noPresenting: boolean;
  /** 'YYYY-MM-DD' days with no role. */
  away: string[];
  /** Effective level and interest per area id (missing = level 0, interest 0). */
  skills: Record<number, { level: number; interest: number }>;
}

export interface ScheduleLocks {
  /** This paper on this date. */
  paperOnDay: Array<{ paperId: number; day: string }>;
  /** This person presents this paper (wherever it lands). */
  presenterOfPaper: Array<{ personId: number; paperId: number }>;
}

/** What earlier, already-held sessions of the season leave behind when re-planning mid-season. */
export interface HeldSessions {
  /** How often each person has presented already. */
  presented: Record<number, number>;
  /** The reviewer of the last held session (may not review the first planned one). */
  lastReviewerId: number | null;
}

export interface ScheduleInput {
  /** The dates to plan, ascending. */
  days: string[];
  papers: SchedulePaper[];
  areas: ScheduleArea[];
  participants: ScheduleParticipant[];
  locks: ScheduleLocks;
  held?: HeldSessions;
}

export interface PlannedSession {
  day: string;
  paperId: number | null;
  presenterId: number | null;
  reviewerId: number | null;
  lockPaper: boolean;
  lockPresenter: boolean;
  reason: SessionReason;
}

export interface SchedulePlan {
  sessions: PlannedSession[];
  unmet: Unmet[];
  /** The objective parts (see weights.ts): paper value, then people value; both maximised in that order. */
  objective: { papers: number; people: number };
  /** 'optimal', or 'timeLimit' when HiGHS stopped at its limit with the best found. */
  status: 'optimal' | 'timeLimit';
}

/** A session's people as the hard rules see them (plan or edit). */
export interface Assignment {
  day: string;
  paperId: number | null;
  presenterId: number | null;
  reviewerId: number | null;
}

