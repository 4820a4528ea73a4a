// The few types and constants that many layers share: roles, the people on the context, levels,
// statuses, form shapes and day arithmetic. Types and constants only — no I/O, no words.

export type Role = 'manager' | 'member' | 'partner';

export type CurrentUser = {
  id: number;
  name: string;
  email: string;
  role: Role;
  partnerId: number | null;
  locale: string;
  /** In-app notices not read yet (the header's count); read with the session. */
  unreadNotices?: number;
};

/** Level at which a member counts as an expert of an area (reviews others). */
export const EXPERT_LEVEL = 4;
/** Interest at which a member "wants to grow". */
export const GROWTH_INTEREST = 2;
/** A rating not confirmed for longer than this is stale. */
export const STALE_AFTER_DAYS = 180;

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

export const DEAL_STATUSES = ['proposed', 'negotiating', 'agreed', 'in_delivery', 'delivered', 'closed', 'dropped'] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];
export const DEAL_EVENT_KINDS = ['created', 'field', 'status', 'comment', 'item_added', 'item_removed', 'item_done', 'item_reopened', 'rating', 'accepted', 'counter'] as const;
export type DealEventKind = (typeof DEAL_EVENT_KINDS)[number];

/** Our side of a deal item: what our team gives, or what it gets from the partner. */
export type DealSide = 'give' | 'get';
/** Whose eyes look at a deal: a partner sees it from their side (what we give, they get). */
export type Perspective = 'team' | 'partner';
export const HEALTH_FLAGS = ['late', 'at_risk', 'one_sided'] as const;
export type HealthFlag = (typeof HEALTH_FLAGS)[number];
/** Why a deal carries a health flag: a code with its parameters (the deal views put it in words). */
export type HealthReason =
  | { flag: 'late' | 'at_risk'; kind: 'item'; side: DealSide; description: string; due: string; days: number }
  | { flag: 'late' | 'at_risk'; kind: 'committed' | 'needed'; due: string; days: number; open: number }
  | { flag: 'at_risk'; kind: 'committedAfterNeeded'; committed: string; needed: string }
  | { flag: 'at_risk'; kind: 'overCapacity'; member: string; committed: number; capacity: number }
  | { flag: 'one_sided'; kind: 'ours' | 'theirs'; give: number; get: number };
export type DealHealth = { flags: HealthFlag[]; reasons: HealthReason[]; onTrack: boolean };
/** A deal's value ratings (1–5, null until rated): ours and the partner's, of what our team gives and gets. */
export type DealValues = { ourGiveValue: number | null; ourGetValue: number | null; partnerGiveValue: number | null; partnerGetValue: number | null };

export const WORK_KINDS = ['research', 'service'] as const;
export const WORK_PRIORITIES = ['high', 'normal', 'low'] as const;
export const WORK_STATUSES = ['open', 'planned', 'in_progress', 'done', 'dropped'] as const;
export type WorkKind = (typeof WORK_KINDS)[number];
export type WorkStatus = (typeof WORK_STATUSES)[number];

/** A form's raw values (as typed, kept on a 422) and its messages per field (catalog keys already translated). */
export type FormValues = Record<string, string>;
export type FieldErrors = Record<string, string>;

export const DAY_MS = 86_400_000;

/** The UTC calendar day of a moment, as `YYYY-MM-DD`. */
export const isoDay = (at: number | Date) => new Date(at).toISOString().slice(0, 10);

/** Pair scores are stored and compared in integer milli-points. */
export const UNITS_PER_POINT = 1000;
/** The largest goal weight a manager may give the pairing planner. */
export const MAX_GOAL_WEIGHT = 1000;

/** The languages Pairwise speaks, Korean (the team's own) first. */
export const LOCALES = ['ko', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const isLocale = (s: unknown): s is Locale => (LOCALES as readonly unknown[]).includes(s);

// --- The study-schedule planner's codes (src/planning/study-schedule/), which views/study/schedule-reasons.ts puts into words.
export type AreaRisk = 'blocker' | 'single' | 'thin';

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
/** A hard rule an assignment breaks. */
export type Violation =
  | { code: 'away'; day: string; personId: number; role: 'presenter' | 'reviewer' }
  | { code: 'presentsAndReviews'; day: string; personId: number }
  | { code: 'reviewsTwiceInARow'; day: string; personId: number }
  | { code: 'notParticipant'; day: string; personId: number; role: 'presenter' | 'reviewer' }
  | { code: 'optedOut'; day: string; personId: number };

// --- reminders and notices (src/notices/) ---
/** The kinds of message a person may hear about; each has its own channel preference. */
export const NOTICE_KINDS = ['invitation', 'dueItem', 'digest', 'study', 'round', 'dealReview'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
/** Where a person wants a kind of message: by e-mail, in the team messenger, or nowhere but the app. */
export const NOTICE_CHANNELS = ['email', 'messenger', 'none'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];
/** What each kind's words need; no words and no formatted dates, so any language can render it later. */
export type NoticeParams = {
  /** `via`: how they sign in — a set-password link ('password', the default), the company account only ('sso', the
   * link is the sign-in page), or a set-password link that also mentions the company account ('both'). */
  invitation: { name: string; via?: 'password' | 'sso' | 'both'; provider?: string | null };
  dueItem: { deal: string; item: string; due: string; late: boolean };
  digest: { areas: Array<{ name: string; confirmedAt: number }> };
  study: { role: 'presenter' | 'reviewer'; day: string; time: string; season: string; paper: string | null };
  round: { partners: string[] };
  dealReview: { deal: string; partner: string; reason: 'accepted' | 'counter' };
};
/** A message as stored: its kind, the values its words need, and the absolute link back into the app (null without a known origin). */
export type NoticeMessage = { [K in NoticeKind]: { kind: K; params: NoticeParams[K]; link: string | null } }[NoticeKind];
/** Which channels this instance can deliver over (SMTP_URL, WEBHOOK_URL), and the language of people who saved none. */
export type NoticeSettings = {
  email: boolean;
  messenger: boolean;
  defaultLocale: Locale;
  /** PUBLIC_ORIGIN; without it a message caused by a request links to that request's origin, a scheduled one has no link. */
  publicOrigin: string | undefined;
};
