// The /pairings page (planner for managers, current round and circles for everyone) and what its routes share.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../../env.ts';
import type { FieldErrors, FormValues } from '../../domain.ts';
import { conflict, isHtmx, page } from '../../http/render.tsx';
import type { Area, IdPair, Weights } from '../../planning/pairing/index.ts';
import { suggestStudyCircles, type StudyCircle } from '../../planning/study-circles.ts';
import { byName, t } from '../../../views/i18n/index.ts';
import { groupLines } from '../../../views/pairings/groups.tsx';
import type { ParticipantsView } from '../../../views/pairings/participants.tsx';
import { Planner, ProposalView, type PlannerState } from '../../../views/pairings/planner.tsx';
import { CurrentRoundSection, PageHead, StudyCirclesSection } from '../../../views/pairings/pages.tsx';
import { cleanSearch } from '../history-filter.ts';
import { participantList } from '../participants.ts';
import { pickerLabels } from '../person-picker.ts';
import { currentDraft, currentRound, loadNames, loadWeights, openCircles, planningData, type Names, type PlanningData, type Round } from '../queries.ts';

export type Ctx = Context<AppEnv>;

/** The planner's view of areas: the chosen ones (still active), or all of them when none is chosen. */
export function roundAreas(data: PlanningData, areaIds: number[]): Area[] {
  const chosen = areaIds.length === 0 ? data.areas : data.areas.filter((a) => areaIds.includes(a.id));
  return chosen.map((a) => ({ id: a.id, name: a.name, minExperts: a.minExperts }));
}

/** The form as first shown: the open draft's choices if there is one, else every member present; weights as remembered. */
function initialState(data: PlanningData, draft: Round | null, stored: { weights: Weights; version: number }, labels: Map<number, string>): PlannerState {
  const activeIds = new Set(data.users.map((u) => u.id));
  const s = draft?.settings;
  const pairs = (list: IdPair[]) => list.map(([a, b]) => [labels.get(a) ?? '', labels.get(b) ?? ''] as [string, string]);
  return {
    present: (s ? s.presentIds.filter((id) => activeIds.has(id)) : data.users.filter((u) => u.role === 'member').map((u) => u.id)).map(String),
    areas: (s?.areaIds ?? []).map(String),
    mentoring: String(stored.weights.mentoring),
    rotation: String(stored.weights.rotation),
    coverage: String(stored.weights.coverage),
    trackRecord: String(stored.weights.trackRecord ?? 0),
    odd: s?.odd ?? 'trio',
    locks: s ? pairs(s.locks) : [],
    forbids: s ? pairs(s.forbids) : [],
    weightsVersion: String(stored.version),
  };
}

export type PageOptions = {
  state?: PlannerState;
  errors?: FieldErrors;
  swap?: { values?: FormValues; errors?: FieldErrors };
  accept?: { values?: FormValues; errors?: FieldErrors };
  status?: ContentfulStatusCode;
  /** What an htmx request gets instead of the page: the planner (propose) or the proposal (swap). */
  partial?: 'planner' | 'proposal';
  /** The planning data when the handler has read it already. */
  data?: PlanningData;
  /** The participants' name search; otherwise `?who=` of the address. */
  who?: string;
};

/** The "who takes part" list of the form: the people matching `who`, by name, the rest carried as ids. */
export function participantsOf(team: Array<{ id: number; name: string }>, present: string[], who: string): ParticipantsView {
  return { who, ...participantList(byName(team.map((u) => ({ id: u.id, name: u.name }))), present, who) };
}

export async function pairingsPage(c: Ctx, opts: PageOptions = {}) {
  const db = c.get('db');
  const user = c.get('user')!;
  const manager = user.role === 'manager';
  const [names, current, circles] = await Promise.all([loadNames(db), currentRound(db), openCircles(db)]);
  const full = (main: Child, suggestions: StudyCircle[] | null) =>
    page(
      c,
      t('pairings.title'),
      <>
        <PageHead title={t('pairings.title')}>
          <a href="/pairings/history">{t('pairings.history.link')}</a>
        </PageHead>
        <p class="muted intro">{t(manager ? 'pairings.intro' : 'pairings.memberIntro')}</p>
        {main}
        <div class="pairings-below">
          <CurrentRoundSection round={current} names={names} userId={user.id} showScore={manager} />
          <StudyCirclesSection circles={circles} suggestions={suggestions} names={names} userId={user.id} />
        </div>
      </>,
      { current: '/pairings', status: opts.status, wide: manager },
    );
  if (!manager) return full(null, null);

  const [data, draft, stored] = await Promise.all([opts.data ?? planningData(db), currentDraft(db), loadWeights(db)]);
  if (isHtmx(c) && opts.partial === 'proposal') {
    return c.html(<ProposalView round={draft} names={names} swap={opts.swap} accept={opts.accept} />, opts.status ?? 200);
  }
  // One label per person, for the draft's pairs and the pickers' datalist; the team in name order once (sorting it again in participantsOf is then nearly free).
  const { labels, team, suggestions } = fromTeam(data, c.get('locale'));
  const state = opts.state ?? initialState(data, draft, stored, labels);
  const planner = (
    <Planner
      people={team.map((u) => labels.get(u.id)!)}
      participants={participantsOf(team, state.present, opts.who ?? cleanSearch(c.req.query('who')))}
      areas={data.areas.map((a) => ({ id: a.id, name: a.name }))}
      state={state}
      errors={opts.errors}
      draft={draft}
      names={names}
      swap={opts.swap}
      accept={opts.accept}
    />
  );
  if (isHtmx(c) && opts.partial === 'planner') {
    // Bring what changed into view: the new proposal, or the error summary at the top of the form.
    c.header('HX-Reswap', `outerHTML show:top showTarget:${(opts.status ?? 200) === 200 ? '#proposal' : '#planner'}`);
    return c.html(planner, opts.status ?? 200);
  }
  return full(planner, suggestions);
}

/**
 * What the page derives from the team alone — the picker labels, the team in name order, the study circle
 * suggestions — kept per team read and language: `planningData` hands out the same object while the matrix
 * model has not changed, so at 1,000 people a view does not collate and scan the whole team again.
 */
const derived = new WeakMap<PlanningData, Map<string, { labels: ReturnType<typeof pickerLabels>; team: PlanningData['users']; suggestions: StudyCircle[] }>>();
function fromTeam(data: PlanningData, locale: string) {
  let byLocale = derived.get(data);
  if (!byLocale) derived.set(data, (byLocale = new Map()));
  let kept = byLocale.get(locale);
  if (!kept) byLocale.set(locale, (kept = { labels: pickerLabels(data.users), team: byName(data.users), suggestions: suggestStudyCircles(data.people, roundAreas(data, [])) }));
  return kept;
}

/** The 409 page of the pairings: what the user sent next to what is stored now; nothing was written. */
export function pairingsConflict(c: Ctx, yours: Array<[string, string]>, current: Array<[string, string]>) {
  // It is a whole page, so htmx shows it instead of the page rather than inside the planner.
  if (isHtmx(c)) {
    c.header('HX-Retarget', 'body');
    c.header('HX-Reswap', 'outerHTML');
  }
  return conflict(c, { yours, current, backHref: '/pairings' }, { current: '/pairings' });
}

/** A round as rows of the conflict page: version, status, note and one line per group. */
export function roundRows(round: Round | null, names: Names): Array<[string, string]> {
  if (!round) return [[t('pairings.round'), t('pairings.roundGone')]];
  return [
    [t('pairings.versionLabel'), String(round.version)],
    [t('pairings.statusLabel'), t(`pairings.status.${round.status}`)],
    ...(round.note ? ([[t('pairings.accept.note'), round.note]] as Array<[string, string]>) : []),
    ...groupLines(round.groups, names),
  ];
}
