// Why each session has its paper, presenter and reviewer: the reason codes the views put into words.
import { EXPERT_LEVEL } from '../../domain.ts';
import { growsByTeaching, paperWeight, presenterFit, reviewerFit, skillOf } from './weights.ts';
import type { Assignment, ScheduleArea, SchedulePaper, ScheduleParticipant } from './types.ts';
import type { PresenterReason, ReviewerReason, SessionReason } from '../../domain.ts';

export interface ExplainContext {
  papers: ReadonlyMap<number, SchedulePaper>;
  areas: ReadonlyMap<number, ScheduleArea>;
  participants: ReadonlyMap<number, ScheduleParticipant>;
}

export function explainContext(input: { papers: SchedulePaper[]; areas: ScheduleArea[]; participants: ScheduleParticipant[] }): ExplainContext {
  return {
    papers: new Map(input.papers.map((p) => [p.id, p])),
    areas: new Map(input.areas.map((a) => [a.id, a])),
    participants: new Map(input.participants.map((p) => [p.id, p])),
  };
}

const RISK_ORDER = { blocker: 0, single: 1, thin: 2 } as const;

/** The reason of one session; `locks` say which of its choices the manager locked. */
export function explainSession(ctx: ExplainContext, s: Assignment, locks: { paper: boolean; presenter: boolean }): SessionReason {
  const paper = s.paperId === null ? undefined : ctx.papers.get(s.paperId);
  if (!paper) return { paper: null, presenter: null, reviewer: null };
  const areas = paper.areaIds.map((id) => ctx.areas.get(id)).filter((a) => a !== undefined);
  const thin = areas.filter((a) => a.risk !== null).sort((a, b) => RISK_ORDER[a.risk!] - RISK_ORDER[b.risk!])[0];
  const presenter = s.presenterId === null ? undefined : ctx.participants.get(s.presenterId);
  const reviewer = s.reviewerId === null ? undefined : ctx.participants.get(s.reviewerId);
  return {
    paper: {
      votes: paper.votes,
      weight: paperWeight(paper, ctx.areas),
      thinArea: thin ? { areaId: thin.id, risk: thin.risk! } : null,
      focus: areas.some((a) => a.focus),
      locked: locks.paper,
    },
    presenter: presenter ? presenterReason(ctx, paper, presenter, s.day, locks.presenter) : null,
    reviewer: reviewer ? reviewerReason(ctx, paper, reviewer, s.day) : null,
  };
}

function presenterReason(ctx: ExplainContext, paper: SchedulePaper, person: ScheduleParticipant, day: string, locked: boolean): PresenterReason {
  const fit = presenterFit(person, paper);
  const { level, interest, areaId } = fit;
  if (locked) return { code: 'locked', level, interest, areaId };
  if (areaId !== null && growsByTeaching(fit)) return { code: 'growsByTeaching', level, interest, areaId };
  const growers = [...ctx.participants.values()].filter((q) => !q.noPresenting && paper.areaIds.some((a) => growsByTeaching(skillOf(q, a))));
  const why = growers.length === 0 ? 'noneWantsToGrow' : growers.every((q) => q.away.includes(day)) ? 'growersAway' : 'growersTaken';
  return { code: 'bestAvailable', why, level, interest, areaId };
}

function reviewerReason(ctx: ExplainContext, paper: SchedulePaper, person: ScheduleParticipant, day: string): ReviewerReason {
  const fit = reviewerFit(person, paper);
  if (fit.areaId !== null && fit.level >= EXPERT_LEVEL) return { code: 'expertReviews', level: fit.level, areaId: fit.areaId };
  const experts = [...ctx.participants.values()].filter((q) => paper.areaIds.some((a) => skillOf(q, a).level >= EXPERT_LEVEL));
  return { code: 'noExpert', best: fit.level, areaId: fit.areaId, why: experts.length === 0 ? 'noExpertInSeason' : 'expertsUnavailable' };
}
