// How a round's groups read everywhere (proposal, current round, history, dashboard): members, role, area, score, reason.
import { UNITS_PER_POINT } from '../../src/domain.ts';
import { t } from '../i18n/index.ts';
import type { GroupView, MemberRole, Names } from './props.ts';
import { describeReason } from './reasons.ts';

export const nameOf = (names: Names, id: number) => names.people.get(id) ?? `#${id}`;
export const areaOf = (names: Names, id: number | null) => (id === null ? null : (names.areas.get(id) ?? `#${id}`));

/** Points with at most two decimals, e.g. 3.5 or 4.17. */
export function formatScore(units: number): string {
  return new Intl.NumberFormat('en', { maximumFractionDigits: 2 }).format(units / UNITS_PER_POINT);
}

export const reasonText = (g: Pick<GroupView, 'reason'>, names: Names) => describeReason(g.reason, t, names);

/** "mentor → learner", "peers", "solo" (and "trio"), for the role column and tags. */
export function roleLabel(g: Pick<GroupView, 'kind' | 'members'>): string {
  if (g.kind === 'solo') return t('pairings.role.solo');
  if (g.kind === 'peers') return t('pairings.role.peers');
  const learners = g.members.filter((m) => m.role === 'learner').length;
  return t(learners > 1 ? 'pairings.role.mentorLearners' : 'pairings.role.mentorLearner');
}

type Joiner = 'mentors' | 'and' | null;
/** How each member joins the one before: a mentor's first learner follows an arrow, everyone else a "+". */
function joiners(members: ReadonlyArray<{ role: MemberRole }>): Joiner[] {
  return members.map((m, i) => (i === 0 ? null : members[i - 1].role === 'mentor' && m.role === 'learner' ? 'mentors' : 'and'));
}

/** "A → B + C" as plain text (conflict page, dashboard). */
export function membersText(group: Pick<GroupView, 'members'>, names: Names): string {
  const j = joiners(group.members);
  return group.members.map((m, i) => (j[i] === 'mentors' ? ' → ' : j[i] === 'and' ? ' + ' : '') + nameOf(names, m.userId)).join('');
}

/** "김민아 → Joon Park", "A + B", "A → B + C": the names in role order, with words for screen readers. */
export function GroupMembers(p: { group: Pick<GroupView, 'members'>; names: Names; highlight?: number }) {
  const j = joiners(p.group.members);
  const parts = p.group.members.map((m, i) => {
    const joiner = j[i];
    return (
      <>
        {joiner === 'mentors' && (
          <>
            <span class="pair-joiner" aria-hidden="true">
              {' → '}
            </span>
            <span class="pair-sr">{` ${t('pairings.sr.mentors')} `}</span>
          </>
        )}
        {joiner === 'and' && (
          <span class="pair-joiner">
            {' + '}
          </span>
        )}
        <span class={m.userId === p.highlight ? 'pair-name me' : 'pair-name'}>{nameOf(p.names, m.userId)}</span>
      </>
    );
  });
  return <span class="pair-members">{parts}</span>;
}

/** The groups of a round as a list of cards; `showScore` is off for members' read-only views. */
export function GroupList(p: { groups: GroupView[]; names: Names; showScore?: boolean; highlight?: number; id?: string }) {
  return (
    <ol class="pair-groups" id={p.id}>
      {p.groups.map((g) => {
        const area = areaOf(p.names, g.areaId);
        return (
          <li class={g.members.some((m) => m.userId === p.highlight) ? 'pair-group mine' : 'pair-group'} data-group={String(g.id)}>
            <div class="pair-head">
              <GroupMembers group={g} names={p.names} highlight={p.highlight} />
              {p.showScore && (
                <span class="pair-score" title={t('pairings.scoreTitle')}>
                  <span class="pair-sr">{t('pairings.score')} </span>
                  {formatScore(g.scoreUnits)}
                </span>
              )}
            </div>
            <p class="pair-tags">
              <span class="tag role">{roleLabel(g)}</span>
              {g.members.length === 3 && <span class="tag">{t('pairings.trio')}</span>}
              {area && <span class="tag area">{area}</span>}
              {g.locked && <span class="tag warn">{t('pairings.locked')}</span>}
            </p>
            <p class="pair-reason">{reasonText(g, p.names)}</p>
          </li>
        );
      })}
    </ol>
  );
}

/** One line per group for the conflict page: "A → B (area)". */
export function groupLines(groups: GroupView[], names: Names): Array<[string, string]> {
  return groups.map((g, i) => {
    const members = membersText(g, names);
    const area = areaOf(names, g.areaId);
    return [t('pairings.groupN', { n: i + 1 }), area ? `${members} (${area})` : members];
  });
}
