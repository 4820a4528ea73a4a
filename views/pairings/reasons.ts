// The planner's reason codes as sentences: "김민아 (5) mentors Joon (1, wants to grow) in X · never paired · …".
import { keyFor, type Translate } from '../i18n/index.ts';
import type { Names, PairReasonView, ReasonView } from './props.ts';

/** One line explaining a group, e.g. "김민아 (5) mentors Joon (1, wants to grow) in X · never paired · raises a single-expert area". */
export function describeReason(reason: ReasonView, t: Translate, names: Names): string {
  const person = (id: number) => names.people.get(id) ?? `#${id}`;
  if (reason.kind === 'solo') return t('pairing.reason.solo', { person: person(reason.personId) });
  if (reason.kind === 'trio') {
    const links = reason.links.map((l) => describePair(l, t, names)).join('; ');
    return `${t('pairing.reason.trio', { centre: person(reason.centreId) })}: ${links}`;
  }
  return describePair(reason, t, names);
}

function describePair(reason: PairReasonView, t: Translate, names: Names): string {
  const person = (id: number) => names.people.get(id) ?? `#${id}`;
  const area = (id: number) => names.areas.get(id) ?? `#${id}`;
  const [first, second] = reason.memberIds.map(person);
  const m = reason.mentoring;
  const parts = [
    m !== null
      ? t('pairing.reason.mentors', {
          mentor: person(m.mentor.id),
          mentorLevel: m.mentor.level,
          learner: person(m.learner.id),
          learnerLevel: m.learner.level,
          interest: t(keyFor('pairing.interest.', m.learner.interest)),
          area: area(m.areaId),
        })
      : reason.sharedAreaId !== null
        ? t('pairing.reason.peersSharedInterest', { first, second, area: area(reason.sharedAreaId) })
        : t('pairing.reason.peers', { first, second }),
    describeRotation(reason.lastPairedDaysAgo, t),
  ];
  if (reason.coverage !== null) parts.push(t(`pairing.reason.coverage.${reason.coverage}`));
  if (m !== null && reason.trackRecord) parts.push(t('pairing.reason.trackRecord', { mentor: person(m.mentor.id), count: reason.trackRecord.learners, area: area(m.areaId) }));
  return parts.join(' · ');
}

function describeRotation(days: number | null, t: Translate): string {
  if (days === null) return t('pairing.reason.neverPaired');
  if (days === 0) return t('pairing.reason.pairedToday');
  return days === 1 ? t('pairing.reason.pairedOneDayAgo') : t('pairing.reason.pairedDaysAgo', { days });
}
