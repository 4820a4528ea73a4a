// POST /pairings/propose: reads the planner form, asks the planner for the best round and stores it as the draft.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../env.ts';
import { MAX_GOAL_WEIGHT, type FieldErrors } from '../../domain.ts';
import { field, idParam, parseForm, readForm } from '../../http/forms.ts';
import { isHtmx, redirectAfterPost } from '../../http/render.tsx';
import { listTeam } from '../../members/queries.ts';
import type { IdPair, ProposeError, Weights } from '../../planning/pairing/index.ts';
import { t } from '../../../views/i18n/index.ts';
import { nameOf } from '../../../views/pairings/groups.tsx';
import { CARRIED_FIELD, ParticipantList } from '../../../views/pairings/participants.tsx';
import type { PlannerState } from '../../../views/pairings/planner.tsx';
import { cleanSearch } from '../history-filter.ts';
import { pickerLabels, pickPerson } from '../person-picker.ts';
import { proposeInWorker } from '../propose-runner.ts';
import { loadTrackRecord } from '../track-record.ts';
import { teamToday } from '../../study/time-zone.ts';
import { createDraftRound, loadNames, pairHistory, planningData, type Names, type PlanningData, type RoundSettings } from '../queries.ts';
import { pairingsConflict, pairingsPage, participantsOf, roundAreas, type Ctx } from './page.tsx';

const GOALS = ['mentoring', 'rotation', 'coverage', 'trackRecord'] as const;
const PROPOSE_MULTI = ['present', 'areas', 'lockA', 'lockB', 'forbidA', 'forbidB'];
const optionalString = z.string().optional().default('');
const proposeSchema = z.object({
  mentoring: optionalString,
  rotation: optionalString,
  coverage: optionalString,
  trackRecord: optionalString,
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

/** The planner form exactly as sent (raw strings), for showing it again. */
function plannerState(fields: Record<string, unknown>): PlannerState {
  const list = (k: string) => (Array.isArray(fields[k]) ? (fields[k] as string[]) : []);
  const text = (k: string) => (typeof fields[k] === 'string' ? (fields[k] as string) : '');
  return {
    present: [...list('present'), ...text(CARRIED_FIELD).split(' ').filter((id) => id !== '')],
    areas: list('areas'),
    mentoring: text('mentoring'),
    rotation: text('rotation'),
    coverage: text('coverage'),
    // Absent from forms rendered before the goal existed: off, as before.
    trackRecord: typeof fields.trackRecord === 'string' ? fields.trackRecord : '0',
    odd: text('odd'),
    locks: zipRows(list('lockA'), list('lockB')),
    forbids: zipRows(list('forbidA'), list('forbidB')),
    weightsVersion: text('weightsVersion'),
  };
}

/** Reads the planner form; on success the round's settings, otherwise the field errors. Raw values always come back. */
async function readPlannerForm(c: Ctx, data: PlanningData): Promise<{ state: PlannerState; errors: FieldErrors; settings: RoundSettings | null; weightsVersion: number }> {
  const form = await parseForm(c, proposeSchema, PROPOSE_MULTI);
  const state = plannerState((await readForm(c, PROPOSE_MULTI)).fields);
  const errors: FieldErrors = form.ok ? {} : { ...form.errors };

  const weights = { mentoring: 0, rotation: 0, coverage: 0, trackRecord: 0 };
  for (const goal of GOALS) {
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
  // The pickers send typed names: each must name exactly one person of the team.
  const labels = pickerLabels(data.users);
  const personOf = (name: 'locks' | 'forbids', text: string): number | null => {
    const picked = pickPerson(text, data.users, labels);
    if (picked.ok) return picked.id;
    const several = picked.matches.slice(0, 3).map((p) => labels.get(p.id)!).join(', ');
    errors[name] ??= picked.code === 'none' ? t('pairings.errors.noSuchPerson', { name: text.trim() }) : t('pairings.errors.severalPeople', { name: text.trim(), count: picked.matches.length, names: several });
    return null;
  };
  const pairsOf = (name: 'locks' | 'forbids'): IdPair[] => {
    const out: IdPair[] = [];
    for (const [a, b] of state[name]) {
      if (a.trim() === '' && b.trim() === '') continue;
      if (a.trim() === '' || b.trim() === '') {
        errors[name] ??= t('pairings.errors.pairRow');
        continue;
      }
      const [x, y] = [personOf(name, a), personOf(name, b)];
      if (x !== null && y !== null) out.push([x, y]);
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

export const plannerRoutes = new Hono<AppEnv>()
  // The participants list narrowed by a name search, the form's choices kept: the list alone for htmx, the page otherwise.
  .post('/participants', async (c) => {
    const { fields } = await readForm(c, PROPOSE_MULTI);
    const state = plannerState(fields);
    const who = cleanSearch(typeof fields.who === 'string' ? fields.who : '');
    if (!isHtmx(c)) return pairingsPage(c, { state, who });
    return c.html(<ParticipantList list={participantsOf(await listTeam(c.get('db')), state.present, who)} />);
  })
  .post('/propose', async (c) => {
  const db = c.get('db');
  const data = await planningData(db);
  const read = await readPlannerForm(c, data);
  if (!read.settings) return pairingsPage(c, { state: read.state, errors: read.errors, status: 422, partial: 'planner', data });
  const { settings } = read;
  const [history, trackRecord] = await Promise.all([pairHistory(db), loadTrackRecord(db, settings.weights, c.get('now')(), teamToday(c))]);
  // Off the event loop: a contrived pattern of forbids can keep the search busy up to its time limit.
  const result = await proposeInWorker({
    team: data.people,
    presentIds: settings.presentIds,
    areas: roundAreas(data, settings.areaIds),
    history,
    weights: settings.weights,
    locks: settings.locks,
    forbids: settings.forbids,
    odd: settings.odd,
    now: c.get('now')(),
    trackRecord,
  });
  if (!result.ok) {
    const [name, message] = proposeErrorMessage(result.error, await loadNames(db));
    return pairingsPage(c, { state: read.state, errors: { [name]: message }, status: 422, partial: 'planner', data });
  }
  const { boundUnits } = result.proposal;
  const saved = await createDraftRound(db, {
    settings: boundUnits === null ? settings : { ...settings, boundUnits },
    groups: result.proposal.groups,
    weightsVersion: read.weightsVersion,
    createdBy: c.get('user')!.id,
    now: c.get('now')(),
  });
  if (!saved.ok) {
    const rows = (w: Weights): Array<[string, string]> => GOALS.map((g) => [t(`pairings.weights.${g}`), String(w[g] ?? 0)]);
    return pairingsConflict(c, rows(settings.weights), rows(saved.current));
  }
  if (isHtmx(c)) return pairingsPage(c, { partial: 'planner', data });
  return redirectAfterPost(c, '/pairings#proposal', { kind: 'ok', text: t('pairings.proposed') });
});
