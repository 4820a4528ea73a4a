// Pairing planner, accepted rounds, history grid and study circles.
import { Hono, type Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import { field, idParam, parseForm, readForm, type FieldErrors, type FormValues } from '../http/forms.ts';
import { badRequest, isHtmx, notFound, page, redirectAfterPost } from '../http/render.tsx';
import { listTeam } from '../members/queries.ts';
import {
  makeScoreContext,
  MAX_GOAL_WEIGHT,
  pairKey,
  proposePairs,
  scoreGroup,
  type Area,
  type IdPair,
  type ProposeError,
  type Weights,
} from '../planning/pairing.ts';
import { suggestStudyCircles, type StudyCircle } from '../planning/study-circles.ts';
import { ConflictView } from '../../views/components.tsx';
import { byName, t } from '../../views/i18n/index.ts';
import { groupLines, nameOf, areaOf, type Names } from '../../views/pairings/groups.tsx';
import { Planner, ProposalView, type PlannerState } from '../../views/pairings/planner.tsx';
import { CurrentRoundSection, PageHead, PairGrid, RoundHistory, StudyCirclesSection } from '../../views/pairings/pages.tsx';
import {
  acceptCircle,
  acceptDraft,
  acceptedRounds,
  createDraftRound,
  currentDraft,
  currentRound,
  endCircle,
  getCircle,
  getRound,
  loadNames,
  loadWeights,
  openCircles,
  pairHistory,
  planningData,
  replaceDraftGroups,
  type PlanningData,
  type Round,
  type RoundSettings,
} from './queries.ts';

type Ctx = Context<AppEnv>;

/** The planner's view of areas: the chosen ones (still active), or all of them when none is chosen. */
function roundAreas(data: PlanningData, areaIds: number[]): Area[] {
  const chosen = areaIds.length === 0 ? data.areas : data.areas.filter((a) => areaIds.includes(a.id));
  return chosen.map((a) => ({ id: a.id, name: a.name, minExperts: a.minExperts }));
}

/** The form as first shown: the open draft's choices if there is one, else every member present; weights as remembered. */
function initialState(data: PlanningData, draft: Round | null, stored: { weights: Weights; version: number }): PlannerState {
  const activeIds = new Set(data.users.map((u) => u.id));
  const s = draft?.settings;
  const pairs = (list: IdPair[]) => list.map(([a, b]) => [String(a), String(b)] as [string, string]);
  return {
    present: (s ? s.presentIds.filter((id) => activeIds.has(id)) : data.users.filter((u) => u.role === 'member').map((u) => u.id)).map(String),
    areas: (s?.areaIds ?? []).map(String),
    mentoring: String(stored.weights.mentoring),
    rotation: String(stored.weights.rotation),
    coverage: String(stored.weights.coverage),
    odd: s?.odd ?? 'trio',
    locks: s ? pairs(s.locks) : [],
    forbids: s ? pairs(s.forbids) : [],
    weightsVersion: String(stored.version),
  };
}

type PageOptions = {
  state?: PlannerState;
  errors?: FieldErrors;
  swap?: { values?: FormValues; errors?: FieldErrors };
  accept?: { values?: FormValues; errors?: FieldErrors };
  status?: ContentfulStatusCode;
  /** What an htmx request gets instead of the page: the planner (propose) or the proposal (swap). */
  partial?: 'planner' | 'proposal';
  /** The planning data when the handler has read it already. */
  data?: PlanningData;
};

async function pairingsPage(c: Ctx, opts: PageOptions = {}) {
  const { db } = c.var;
  const user = c.var.user!;
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
  const planner = (
    <Planner
      people={byName(data.users).map((u) => ({ id: u.id, name: u.name, role: u.role }))}
      areas={data.areas.map((a) => ({ id: a.id, name: a.name }))}
      state={opts.state ?? initialState(data, draft, stored)}
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
  return full(planner, suggestStudyCircles(data.people, roundAreas(data, [])));
}

/** A 409 page (or partial for htmx): what the user sent next to what is stored now; nothing was written. */
function conflict(c: Ctx, yours: Array<[string, string]>, current: Array<[string, string]>) {
  const body = <ConflictView yours={yours} current={current} backHref="/pairings" />;
  return isHtmx(c) ? c.html(body, 409) : page(c, t('errors.conflict'), body, { status: 409, current: '/pairings' });
}

function roundRows(round: Round | null, names: Names): Array<[string, string]> {
  if (!round) return [[t('pairings.round'), t('pairings.roundGone')]];
  return [
    [t('pairings.versionLabel'), String(round.version)],
    [t('pairings.statusLabel'), t(`pairings.status.${round.status}`)],
    ...(round.note ? ([[t('pairings.accept.note'), round.note]] as Array<[string, string]>) : []),
    ...groupLines(round.groups, names),
  ];
}

// ── Propose ─────────────────────────────────────────────────────────────────────────────────────────────

const PROPOSE_MULTI = ['present', 'areas', 'lockA', 'lockB', 'forbidA', 'forbidB'];
const optionalString = z.string().optional().default('');
const proposeSchema = z.object({
  mentoring: optionalString,
  rotation: optionalString,
  coverage: optionalString,
  odd: field.choice(['trio', 'solo']),
  weightsVersion: field.version(),
});

/** A goal weight: a finite number from 0 to MAX_GOAL_WEIGHT, or the message saying what is wrong. */
function parseWeight(raw: string): { ok: true; value: number } | { ok: false; error: string } {
  const s = raw.trim();
  if (s === '') return { ok: false, error: t('errors.required') };
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return { ok: false, error: t('pairings.errors.weightNumber') };
  const value = Number(s);
  if (value < 0) return { ok: false, error: t('pairings.errors.weightNegative') };
  if (value > MAX_GOAL_WEIGHT) return { ok: false, error: t('errors.max', { max: MAX_GOAL_WEIGHT }) };
  return { ok: true, value: value === 0 ? 0 : value };
}

const zipRows = (a: string[], b: string[]) => Array.from({ length: Math.max(a.length, b.length) }, (_, i) => [a[i] ?? '', b[i] ?? ''] as [string, string]);

/** The words for a planner error the core found, and the field it belongs to. */
function proposeErrorMessage(e: ProposeError, names: Names): [string, string] {
  const who = (id: number) => nameOf(names, id);
  const list = (ids: number[]) => ids.map(who).join(', ');
  switch (e.code) {
    case 'invalid-weights':
      return ['mentoring', t('pairings.errors.weightNumber')];
    case 'unknown-person':
      return ['present', t('pairings.errors.unknownPeople', { ids: e.personIds.join(', ') })];
    case 'too-few-participants':
      return ['present', t('pairings.errors.tooFew', { count: e.count })];
    case 'lock-same-person':
      return ['locks', t('pairings.errors.lockSelf', { name: who(e.personId) })];
    case 'lock-not-present':
      return ['locks', t('pairings.errors.lockAway', { names: list(e.personIds), a: who(e.lock[0]), b: who(e.lock[1]) })];
    case 'lock-forbidden':
      return ['locks', t('pairings.errors.lockForbidden', { a: who(e.lock[0]), b: who(e.lock[1]) })];
    case 'locks-overlap':
      return ['locks', t('pairings.errors.locksOverlap', { name: who(e.personId) })];
    case 'cannot-place':
      return ['forbids', t('pairings.errors.cannotPlace', { names: list(e.personIds) })];
  }
}

/** Reads the planner form; on success the round's settings, otherwise the field errors. Raw values always come back. */
async function readPlannerForm(c: Ctx, data: PlanningData): Promise<{ state: PlannerState; errors: FieldErrors; settings: RoundSettings | null; weightsVersion: number }> {
  const form = await parseForm(c, proposeSchema, PROPOSE_MULTI);
  const { fields } = await readForm(c, PROPOSE_MULTI);
  const list = (k: string) => (Array.isArray(fields[k]) ? (fields[k] as string[]) : []);
  const text = (k: string) => (typeof fields[k] === 'string' ? (fields[k] as string) : '');
  const state: PlannerState = {
    present: list('present'),
    areas: list('areas'),
    mentoring: text('mentoring'),
    rotation: text('rotation'),
    coverage: text('coverage'),
    odd: text('odd'),
    locks: zipRows(list('lockA'), list('lockB')),
    forbids: zipRows(list('forbidA'), list('forbidB')),
    weightsVersion: text('weightsVersion'),
  };
  const errors: FieldErrors = form.ok ? {} : { ...form.errors };

  const weights = { mentoring: 0, rotation: 0, coverage: 0 };
  for (const goal of ['mentoring', 'rotation', 'coverage'] as const) {
    const w = parseWeight(state[goal]);
    if (w.ok) weights[goal] = w.value;
    else errors[goal] ??= w.error;
  }

  const teamIds = new Set(data.users.map((u) => u.id));
  const areaIds = new Set(data.areas.map((a) => a.id));
  const ids = (raw: string[], known: Set<number>) => raw.map((r) => idParam(r)).map((id) => (id !== null && known.has(id) ? id : null));
  const present = ids(state.present, teamIds);
  if (present.includes(null)) errors.present ??= t('errors.unknownMember');
  const areas = ids(state.areas, areaIds);
  if (areas.includes(null)) errors.areas ??= t('errors.unknownArea');
  const pairsOf = (name: 'locks' | 'forbids'): IdPair[] => {
    const out: IdPair[] = [];
    for (const [a, b] of state[name]) {
      if (a === '' && b === '') continue;
      if (a === '' || b === '') {
        errors[name] ??= t('pairings.errors.pairRow');
        continue;
      }
      const [x, y] = ids([a, b], teamIds);
      if (x === null || y === null) errors[name] ??= t('errors.unknownMember');
      else out.push([x, y]);
    }
    return out;
  };
  const locks = pairsOf('locks');
  const forbids = pairsOf('forbids');
  if (Object.keys(errors).length > 0 || !form.ok) return { state, errors, settings: null, weightsVersion: 0 };
  return {
    state,
    errors,
    settings: {
      presentIds: [...new Set(present as number[])],
      areaIds: [...new Set(areas as number[])],
      weights,
      odd: form.data.odd,
      locks,
      forbids,
    },
    weightsVersion: form.data.weightsVersion,
  };
}

// ── Swap ────────────────────────────────────────────────────────────────────────────────────────────────

const swapSchema = z.object({ version: field.version(), a: field.text(12), b: field.text(12) });

type SwapResult = { ok: true; replaced: Parameters<typeof replaceDraftGroups>[3] } | { ok: false; errors: FieldErrors };

/** Moves a into b's group and b into a's, rescored with the core; locks and forbids of the round still hold. */
async function planSwap(c: Ctx, round: Round, aRaw: string, bRaw: string, names: Names): Promise<SwapResult> {
  const a = idParam(aRaw);
  const b = idParam(bRaw);
  const groupOf = (id: number | null) => (id === null ? undefined : round.groups.find((g) => g.members.some((m) => m.userId === id)));
  const ga = groupOf(a);
  const gb = groupOf(b);
  const errors: FieldErrors = {};
  if (!ga) errors.a = t('pairings.errors.notInRound');
  if (!gb) errors.b = t('pairings.errors.notInRound');
  if (!ga || !gb || a === null || b === null) return { ok: false, errors };
  if (a === b) return { ok: false, errors: { b: t('pairings.errors.samePerson') } };
  if (ga === gb) return { ok: false, errors: { _form: t('pairings.errors.sameGroup', { a: nameOf(names, a), b: nameOf(names, b) }) } };
  const { settings } = round;
  for (const id of [a, b]) {
    const lock = settings.locks.find((l) => l.includes(id));
    if (lock) {
      const other = lock[0] === id ? lock[1] : lock[0];
      return { ok: false, errors: { _form: t('pairings.errors.swapLocked', { name: nameOf(names, id), other: nameOf(names, other) }) } };
    }
  }
  const newA = ga.members.map((m) => (m.userId === a ? b : m.userId));
  const newB = gb.members.map((m) => (m.userId === b ? a : m.userId));
  const forbidden = new Set(settings.forbids.map(([x, y]) => pairKey(x, y)));
  for (const group of [newA, newB]) {
    for (const x of group) {
      for (const y of group) {
        if (x < y && forbidden.has(pairKey(x, y))) {
          return { ok: false, errors: { _form: t('pairings.errors.swapForbidden', { a: nameOf(names, x), b: nameOf(names, y) }) } };
        }
      }
    }
  }
  const { db } = c.var;
  const [data, history] = await Promise.all([planningData(db), pairHistory(db)]);
  const gone = [...newA, ...newB].find((id) => !data.people.some((p) => p.id === id));
  if (gone !== undefined) return { ok: false, errors: { _form: t('pairings.errors.inactive', { name: nameOf(names, gone) }) } };
  const ctx = makeScoreContext({ team: data.people, areas: roundAreas(data, settings.areaIds), history, weights: settings.weights, now: c.var.now() });
  return {
    ok: true,
    replaced: [
      { groupId: ga.id, group: { ...scoreGroup(newA, ctx), locked: ga.locked } },
      { groupId: gb.id, group: { ...scoreGroup(newB, ctx), locked: gb.locked } },
    ],
  };
}

/** The draft named by the route, or null (404). */
async function routeRound(c: Ctx): Promise<Round | null> {
  const id = idParam(c.req.param('id'));
  return id === null ? null : getRound(c.var.db, id);
}

// ── Study circles ───────────────────────────────────────────────────────────────────────────────────────

const circleSchema = z.object({ areaId: field.text(12), leaderId: field.text(12), learnerIds: z.array(z.string()).optional().default([]) });

function circleRows(names: Names, c: { areaId: number; leaderId: number; learnerIds: number[] } | null, missing: string): Array<[string, string]> {
  if (!c) return [[t('pairings.circles.title'), missing]];
  return [
    [t('pairings.circles.area'), areaOf(names, c.areaId) ?? ''],
    [t('pairings.circles.leaderLabel'), nameOf(names, c.leaderId)],
    [t('pairings.circles.learners'), c.learnerIds.map((id) => nameOf(names, id)).join(', ')],
  ];
}

// ── Routes ──────────────────────────────────────────────────────────────────────────────────────────────

export const pairingRoutes = new Hono<AppEnv>()
  .get('/', (c) => pairingsPage(c))
  .post('/propose', async (c) => {
    const { db } = c.var;
    const data = await planningData(db);
    const read = await readPlannerForm(c, data);
    if (!read.settings) return pairingsPage(c, { state: read.state, errors: read.errors, status: 422, partial: 'planner', data });
    const { settings } = read;
    const history = await pairHistory(db);
    const result = proposePairs({
      team: data.people,
      presentIds: settings.presentIds,
      areas: roundAreas(data, settings.areaIds),
      history,
      weights: settings.weights,
      locks: settings.locks,
      forbids: settings.forbids,
      odd: settings.odd,
      now: c.var.now(),
    });
    if (!result.ok) {
      const [name, message] = proposeErrorMessage(result.error, await loadNames(db));
      return pairingsPage(c, { state: read.state, errors: { [name]: message }, status: 422, partial: 'planner', data });
    }
    const saved = await createDraftRound(db, {
      settings,
      groups: result.proposal.groups,
      weightsVersion: read.weightsVersion,
      createdBy: c.var.user!.id,
      now: c.var.now(),
    });
    if (!saved.ok) {
      const rows = (w: Weights): Array<[string, string]> => (['mentoring', 'rotation', 'coverage'] as const).map((g) => [t(`pairings.weights.${g}`), String(w[g])]);
      return conflict(c, rows(settings.weights), rows(saved.current));
    }
    if (isHtmx(c)) return pairingsPage(c, { partial: 'planner', data });
    return redirectAfterPost(c, '/pairings#proposal', { kind: 'ok', text: t('pairings.proposed') });
  })
  .post('/rounds/:id/swap', async (c) => {
    const round = await routeRound(c);
    if (!round) return notFound(c);
    const names = await loadNames(c.var.db);
    const form = await parseForm(c, swapSchema);
    if (!form.ok) return pairingsPage(c, { swap: form, status: 422, partial: 'proposal' });
    const swapText = `${nameOf(names, idParam(form.data.a) ?? 0)} ↔ ${nameOf(names, idParam(form.data.b) ?? 0)}`;
    const yours: Array<[string, string]> = [
      [t('pairings.versionLabel'), String(form.data.version)],
      [t('pairings.swap.title'), swapText],
    ];
    if (round.status !== 'draft' || round.version !== form.data.version) return conflict(c, yours, roundRows(round, names));
    const plan = await planSwap(c, round, form.data.a, form.data.b, names);
    if (!plan.ok) return pairingsPage(c, { swap: { values: form.values, errors: plan.errors }, status: 422, partial: 'proposal' });
    const done = await replaceDraftGroups(c.var.db, round.id, form.data.version, plan.replaced);
    if (!done.ok) return conflict(c, yours, roundRows(done.current, names));
    if (isHtmx(c)) return pairingsPage(c, { partial: 'proposal' });
    return redirectAfterPost(c, '/pairings#proposal', { kind: 'ok', text: t('pairings.swapped', { swap: swapText }) });
  })
  .post('/rounds/:id/accept', async (c) => {
    const round = await routeRound(c);
    if (!round) return notFound(c);
    const form = await parseForm(c, z.object({ version: field.version(), note: field.optionalText(500) }));
    if (!form.ok) return pairingsPage(c, { accept: form, status: 422, partial: 'proposal' });
    const names = await loadNames(c.var.db);
    const yours: Array<[string, string]> = [
      [t('pairings.versionLabel'), String(form.data.version)],
      [t('pairings.accept.note'), form.data.note || t('common.none')],
    ];
    if (round.status !== 'draft' || round.version !== form.data.version) return conflict(c, yours, roundRows(round, names));
    const done = await acceptDraft(c.var.db, round.id, form.data.version, form.data.note, c.var.user!.id, c.var.now());
    if (!done.ok) return conflict(c, yours, roundRows(done.current, names));
    return redirectAfterPost(c, '/pairings', { kind: 'ok', text: t('pairings.accepted') });
  })
  .get('/history', async (c) => {
    const { db } = c.var;
    const user = c.var.user!;
    const [rounds, history, names, team] = await Promise.all([acceptedRounds(db), pairHistory(db), loadNames(db), listTeam(db)]);
    const paired = new Set([...history.keys()].flatMap((k) => k.split(':').map(Number)));
    const people = byName(team.filter((u) => u.role === 'member' || paired.has(u.id))).map((u) => ({ id: u.id, name: u.name }));
    return page(
      c,
      t('pairings.history.title'),
      <>
        <PageHead title={t('pairings.history.title')}>
          <a href="/pairings">{t('pairings.backToPlanner')}</a>
        </PageHead>
        <section class="pair-grid-section" aria-labelledby="grid-title">
          <h2 id="grid-title">{t('pairings.grid.title')}</h2>
          <p class="muted">{t('pairings.grid.intro')}</p>
          <PairGrid people={people} history={history} now={c.var.now()} />
        </section>
        <section class="pair-grid-section" aria-labelledby="rounds-title">
          <h2 id="rounds-title">{t('pairings.history.rounds')}</h2>
          <RoundHistory rounds={rounds} names={names} showScore={user.role === 'manager'} />
        </section>
      </>,
      { current: '/pairings', wide: true },
    );
  })
  .post('/circles', async (c) => {
    const { db } = c.var;
    const form = await parseForm(c, circleSchema, ['learnerIds']);
    if (!form.ok) return badRequest(c, Object.keys(form.errors).join(', '));
    const areaId = idParam(form.data.areaId);
    const leaderId = idParam(form.data.leaderId);
    const learnerIds = form.data.learnerIds.map(idParam);
    if (areaId === null || leaderId === null || learnerIds.includes(null)) return badRequest(c, t('errors.unknownMember'));
    const [data, names, running] = await Promise.all([planningData(db), loadNames(db), openCircles(db)]);
    if (!data.areas.some((a) => a.id === areaId)) return badRequest(c, t('errors.unknownArea'));
    const yours = { areaId, leaderId, learnerIds: learnerIds as number[] };
    const already = running.find((r) => r.areaId === areaId);
    if (already) return conflict(c, circleRows(names, yours, ''), circleRows(names, already, ''));
    const suggestion = suggestStudyCircles(data.people, roundAreas(data, [areaId]))[0];
    const current = suggestion ? { areaId, leaderId: suggestion.leader.id, learnerIds: suggestion.learners.map((l) => l.id) } : null;
    const same = current !== null && current.leaderId === leaderId && current.learnerIds.join(',') === yours.learnerIds.join(',');
    if (!same) return conflict(c, circleRows(names, yours, ''), circleRows(names, current, t('pairings.circles.noLonger')));
    const saved = await acceptCircle(db, current, c.var.user!.id, c.var.now());
    if (!saved.ok) return conflict(c, circleRows(names, yours, ''), circleRows(names, (await openCircles(db)).find((r) => r.areaId === areaId) ?? null, ''));
    return redirectAfterPost(c, '/pairings#circles-title', { kind: 'ok', text: t('pairings.circles.accepted', { area: areaOf(names, areaId) ?? '' }) });
  })
  .post('/circles/:id/end', async (c) => {
    const id = idParam(c.req.param('id'));
    const circle = id === null ? null : await getCircle(c.var.db, id);
    if (!circle) return notFound(c);
    const form = await parseForm(c, z.object({ version: field.version() }));
    if (!form.ok) return badRequest(c, Object.keys(form.errors).join(', '));
    const names = await loadNames(c.var.db);
    if (!(await endCircle(c.var.db, circle.id, form.data.version, c.var.now()))) {
      const state = (v: number, ended: boolean): Array<[string, string]> => [
        [t('pairings.circles.area'), areaOf(names, circle.areaId) ?? ''],
        [t('pairings.versionLabel'), String(v)],
        [t('pairings.statusLabel'), t(ended ? 'pairings.circles.ended' : 'pairings.circles.running')],
      ];
      return conflict(c, state(form.data.version, false), state(circle.version, circle.endedAt !== null));
    }
    return redirectAfterPost(c, '/pairings#circles-title', { kind: 'ok', text: t('pairings.circles.endedFlash', { area: areaOf(names, circle.areaId) ?? '' }) });
  });
