// The study-schedule planner's input and output: plain data and codes, no words.

export type AreaRisk = 'blocker' | 'single' | 'thin';

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

export type PresenterReason =
  | { code: 'locked'; level: number; interest: number; areaId: number | null }
  | { code: 'growsByTeaching'; level: number; interest: number; areaId: number }
  | { code: 'bestAvailable'; why: 'noneWantsToGrow' | 'growersAway' | 'growersTaken'; level: number; interest: number; areaId: number | null };

export type ReviewerReason =
  | { code: 'expertReviews'; level: number; areaId: number }
  | { code: 'noExpert'; best: number; areaId: number | null; why: 'noExpertInSeason' | 'expertsUnavailable' };

export interface PaperReason {
  votes: number;
  weight: number;
  thinArea: { areaId: number; risk: AreaRisk } | null;
  focus: boolean;
  locked: boolean;
}

export interface SessionReason {
  paper: PaperReason | null;
  presenter: PresenterReason | null;
  reviewer: ReviewerReason | null;
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

/** A rule the plan could not meet, and why. */
export type Unmet =
  | { code: 'morePapersThanSessions'; paperIds: number[] }
  | { code: 'moreSessionsThanPapers'; days: string[] }
  | { code: 'noPresenterAvailable'; day: string }
  | { code: 'noReviewerAvailable'; day: string }
  | { code: 'presenterAway'; day: string; personId: number; paperId: number }
  | { code: 'lockedPresenterGone'; personId: number; paperId: number }
  | { code: 'lockedPaperGone'; paperId: number; day: string | null }
  | { code: 'lockedDayGone'; paperId: number; day: string }
  | { code: 'fairnessBroken' }
  | { code: 'everyoneOptedOut' };

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

/** A hard rule an assignment breaks. */
export type Violation =
  | { code: 'away'; day: string; personId: number; role: 'presenter' | 'reviewer' }
  | { code: 'presentsAndReviews'; day: string; personId: number }
  | { code: 'reviewsTwiceInARow'; day: string; personId: number }
  | { code: 'notParticipant'; day: string; personId: number; role: 'presenter' | 'reviewer' }
  | { code: 'optedOut'; day: string; personId: number };
