// The pairings section of the dashboard (/): my current pair and study circles; for managers, the round in one line.
import { formatDate, formatDay, t } from '../i18n/index.ts';
import { areaOf, formatScore, GroupMembers, nameOf, reasonText } from './groups.tsx';
import type { CircleView, GroupView, Names } from './props.ts';

export type PairingsDashboardProps = {
  manager: boolean;
  userId: number;
  /** The accepted round everyone works in now, in one line. */
  round: { acceptedAt: number; note: string; groups: number; totalUnits: number } | null;
  /** The user's group in that round, if they have one. */
  myGroup: GroupView | null;
  /** Managers: the groups of the draft waiting to be accepted, if there is one. */
  draftGroups: number | null;
  /** The running circles the user leads or learns in. */
  myCircles: Array<Pick<CircleView, 'areaId' | 'leaderId' | 'learnerIds'>>;
  names: Names;
};

/** "You mentor Joon in X." / "김민아 mentors you in X." / "You work as peers." / "You sit this round out." */
function roleSentence(group: GroupView, me: number, names: Names): string {
  const mine = group.members.find((m) => m.userId === me)!;
  const area = areaOf(names, group.areaId);
  const mentor = group.members.find((m) => m.role === 'mentor');
  switch (mine.role) {
    case 'mentor':
      return t('pairings.dash.youMentor', { names: group.members.filter((m) => m.role === 'learner').map((m) => nameOf(names, m.userId)).join(', '), area: area ?? '' });
    case 'learner':
      return t('pairings.dash.mentorsYou', { name: nameOf(names, mentor!.userId), area: area ?? '' });
    case 'peer':
      return area ? t('pairings.dash.peersArea', { area }) : t('pairings.dash.peers');
    case 'solo':
      return t('pairings.dash.solo');
  }
}

function MyPair(p: { round: PairingsDashboardProps['round']; group: GroupView | null; me: number; names: Names }) {
  if (!p.round) return <p class="muted">{t('pairings.dash.noRound')}</p>;
  const { group } = p;
  if (!group) return <p class="muted">{t('pairings.dash.notInRound', { date: formatDate(p.round.acceptedAt) })}</p>;
  return (
    <div class="dash-pair">
      <p class="dash-pair-who">
        <GroupMembers group={group} names={p.names} highlight={p.me} />
      </p>
      <p>
        <strong>{roleSentence(group, p.me, p.names)}</strong>
      </p>
      <p class="pair-reason">{reasonText(group, p.names)}</p>
      <p class="muted">{t('pairings.dash.since', { date: formatDay(p.round.acceptedAt) })}</p>
    </div>
  );
}

export function PairingsDashboard(p: PairingsDashboardProps) {
  const { manager, round, names } = p;
  return (
    <section class="card pairings-dash" aria-labelledby="dash-pairings-title">
      <h2 id="dash-pairings-title">{t(manager ? 'pairings.dash.titleManager' : 'pairings.dash.title')}</h2>
      {(!manager || p.myGroup) && <MyPair round={round} group={p.myGroup} me={p.userId} names={names} />}
      {manager && (
        <div class="dash-round">
          {round ? (
            <p>
              {t('pairings.dash.roundSummary', {
                date: formatDay(round.acceptedAt),
                groups: round.groups,
                total: formatScore(round.totalUnits),
              })}
              {round.note && <span class="muted"> · {round.note}</span>}
            </p>
          ) : (
            <p class="muted">{t('pairings.dash.noRound')}</p>
          )}
          {p.draftGroups !== null && (
            <p>
              <span class="tag warn">{t('pairings.status.draft')}</span> {t('pairings.dash.draftWaiting', { groups: p.draftGroups })}
            </p>
          )}
        </div>
      )}
      {p.myCircles.length > 0 && (
        <>
          <h3>{t('pairings.dash.circles')}</h3>
          <ul class="plain dash-circles">
            {p.myCircles.map((circle) => (
              <li>
                {circle.leaderId === p.userId
                  ? t('pairings.dash.youLead', { area: areaOf(names, circle.areaId) ?? '', names: circle.learnerIds.map((id) => nameOf(names, id)).join(', ') })
                  : t('pairings.dash.youLearn', { area: areaOf(names, circle.areaId) ?? '', name: nameOf(names, circle.leaderId) })}
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <a href="/pairings">{t(manager ? 'pairings.dash.open' : 'pairings.dash.all')}</a> · <a href="/pairings/history">{t('pairings.history.link')}</a>
      </p>
    </section>
  );
}
