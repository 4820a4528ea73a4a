// This feature's section of the dashboard (/): my current pair and study circles; for managers, the round in one line.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv } from '../env.ts';
import { formatDate, t } from '../../views/i18n/index.ts';
import { areaOf, formatScore, GroupMembers, nameOf, reasonText, type Names } from '../../views/pairings/groups.tsx';
import { currentDraft, currentRound, loadNames, openCircles, type Round, type RoundGroup } from './queries.ts';

/** "You mentor Joon in X." / "김민아 mentors you in X." / "You work as peers." / "You sit this round out." */
function roleSentence(group: RoundGroup, me: number, names: Names): string {
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

function MyPair(p: { round: Round | null; me: number; names: Names }) {
  if (!p.round) return <p class="muted">{t('pairings.dash.noRound')}</p>;
  const group = p.round.groups.find((g) => g.members.some((m) => m.userId === p.me));
  if (!group) return <p class="muted">{t('pairings.dash.notInRound', { date: formatDate(p.round.acceptedAt!) })}</p>;
  return (
    <div class="dash-pair">
      <p class="dash-pair-who">
        <GroupMembers group={group} names={p.names} highlight={p.me} />
      </p>
      <p>
        <strong>{roleSentence(group, p.me, p.names)}</strong>
      </p>
      <p class="pair-reason">{reasonText(group, p.names)}</p>
      <p class="muted">{t('pairings.dash.since', { date: formatDate(p.round.acceptedAt!) })}</p>
    </div>
  );
}

export async function pairingsDashboard(c: Context<AppEnv>): Promise<Child> {
  const { db } = c.var;
  const user = c.var.user!;
  const manager = user.role === 'manager';
  const [round, circles, names, draft] = await Promise.all([currentRound(db), openCircles(db), loadNames(db), manager ? currentDraft(db) : null]);
  const inRound = round?.groups.some((g) => g.members.some((m) => m.userId === user.id)) ?? false;
  const myCircles = circles.filter((circle) => circle.leaderId === user.id || circle.learnerIds.includes(user.id));
  return (
    <section class="card pairings-dash" aria-labelledby="dash-pairings-title">
      <h2 id="dash-pairings-title">{t(manager ? 'pairings.dash.titleManager' : 'pairings.dash.title')}</h2>
      {(!manager || inRound) && <MyPair round={round} me={user.id} names={names} />}
      {manager && (
        <div class="dash-round">
          {round ? (
            <p>
              {t('pairings.dash.roundSummary', {
                date: formatDate(round.acceptedAt!),
                groups: round.groups.length,
                total: formatScore(round.groups.reduce((s, g) => s + g.scoreUnits, 0)),
              })}
              {round.note && <span class="muted"> · {round.note}</span>}
            </p>
          ) : (
            <p class="muted">{t('pairings.dash.noRound')}</p>
          )}
          {draft && (
            <p>
              <span class="tag warn">{t('pairings.status.draft')}</span> {t('pairings.dash.draftWaiting', { groups: draft.groups.length })}
            </p>
          )}
        </div>
      )}
      {myCircles.length > 0 && (
        <>
          <h3>{t('pairings.dash.circles')}</h3>
          <ul class="plain dash-circles">
            {myCircles.map((circle) => (
              <li>
                {circle.leaderId === user.id
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
