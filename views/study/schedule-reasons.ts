// The schedule planner's codes as sentences: "Joon Park presents SimCSE (wants to grow in X, level 2); 김민아 reviews (level 5); …".
import type { SessionReason, Unmet, Violation } from '../../src/domain.ts';
import { formatDay, keyFor, t } from '../i18n/index.ts';

/** Display names by id: people (those who left included), areas (archived included) and papers. */
export type ScheduleNames = { people: ReadonlyMap<number, string>; areas: ReadonlyMap<number, string>; papers: ReadonlyMap<number, string> };

/** A date inside a sentence: 12월 12일 (목) / Dec 12, 2026. */
export const sayDay = (day: string) => formatDay(Date.parse(`${day}T00:00:00Z`));

/** A paper in a sentence by its short name: the part of the title before a colon ("SimCSE"), when there is one. */
export function shortTitle(title: string): string {
  const head = title.split(':')[0].trim();
  return head.length > 0 && head.length < title.length ? head : title;
}

function lookup(names: ScheduleNames) {
  return {
    person: (id: number | null) => (id === null ? '' : (names.people.get(id) ?? `#${id}`)),
    area: (id: number | null) => (id === null ? '' : (names.areas.get(id) ?? `#${id}`)),
    paper: (id: number | null) => (id === null ? '' : shortTitle(names.papers.get(id) ?? `#${id}`)),
  };
}

/** One sentence explaining a session from its reason codes and who holds its roles now. */
export function describeSession(s: { paperId: number | null; presenterId: number | null; reviewerId: number | null; reason: SessionReason | null }, names: ScheduleNames): string {
  const n = lookup(names);
  const r = s.reason;
  if (s.paperId === null || !r?.paper) return t('study.schedule.noPaper');
  const paper = n.paper(s.paperId);
  const parts: string[] = [];
  const p = r.presenter;
  if (s.presenterId === null || !p) parts.push(t('study.why.presenter.none', { paper }));
  else {
    const params = { name: n.person(s.presenterId), paper, area: n.area(p.areaId), level: p.level };
    parts.push(p.code === 'bestAvailable' ? t(keyFor('study.why.presenter.bestAvailable.', p.why), params) : t(keyFor('study.why.presenter.', p.code), params));
  }
  const v = r.reviewer;
  if (s.reviewerId === null || !v) parts.push(t('study.why.reviewer.none'));
  else if (v.code === 'expertReviews') parts.push(t('study.why.reviewer.expertReviews', { name: n.person(s.reviewerId), level: v.level }));
  else parts.push(t(keyFor('study.why.reviewer.noExpert.', v.why), { name: n.person(s.reviewerId), area: n.area(v.areaId), best: v.best }));
  if (r.paper.thinArea) parts.push(t(keyFor('study.why.paper.thin.', r.paper.thinArea.risk)));
  if (r.paper.focus) parts.push(t('study.why.paper.focus'));
  if (r.paper.locked) parts.push(t('study.why.paper.locked'));
  parts.push(t('study.schedule.votes', { votes: r.paper.votes }));
  return parts.join('; ');
}

export function describeUnmet(u: Unmet, names: ScheduleNames): string {
  const n = lookup(names);
  switch (u.code) {
    case 'morePapersThanSessions':
      return t('study.why.unmet.morePapersThanSessions', { count: u.paperIds.length, titles: u.paperIds.map(n.paper).join(', ') });
    case 'moreSessionsThanPapers':
      return t('study.why.unmet.moreSessionsThanPapers', { count: u.days.length, days: u.days.map(sayDay).join(', ') });
    case 'noPresenterAvailable':
    case 'noReviewerAvailable':
      return t(keyFor('study.why.unmet.', u.code), { day: sayDay(u.day) });
    case 'presenterAway':
      return t('study.why.unmet.presenterAway', { name: n.person(u.personId), paper: n.paper(u.paperId), day: sayDay(u.day) });
    case 'lockedPresenterGone':
      return t('study.why.unmet.lockedPresenterGone', { name: n.person(u.personId), paper: n.paper(u.paperId) });
    case 'lockedPaperGone':
      return t('study.why.unmet.lockedPaperGone');
    case 'lockedDayGone':
      return t('study.why.unmet.lockedDayGone', { paper: n.paper(u.paperId), day: sayDay(u.day) });
    case 'fairnessBroken':
    case 'everyoneOptedOut':
      return t(keyFor('study.why.unmet.', u.code));
  }
}

export function describeViolation(v: Violation, names: ScheduleNames): string {
  return t(keyFor('study.schedule.error.', v.code), { name: lookup(names).person(v.personId), day: sayDay(v.day) });
}
