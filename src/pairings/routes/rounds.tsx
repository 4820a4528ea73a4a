// The draft round: swapping two people between groups and accepting it (both version-checked).
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../env.ts';
import type { FieldErrors } from '../../domain.ts';
import { field, idParam, parseForm } from '../../http/forms.ts';
import { isHtmx, notFound, redirectAfterPost } from '../../http/render.tsx';
import { makeScoreContext, planSwap, type SwapError } from '../../planning/pairing/index.ts';
import { teamToday } from '../../study/time-zone.ts';
import { loadTrackRecord } from '../track-record.ts';
import { t } from '../../../views/i18n/index.ts';
import { nameOf } from '../../../views/pairings/groups.tsx';
import { enqueueRoundAccepted } from '../../notices/causes.ts';
import { acceptDraft, getRound, loadNames, pairHistory, planningData, replaceDraftGroups, type Names, type Round } from '../queries.ts';
import { pairingsConflict, pairingsPage, roundAreas, roundRows, type Ctx } from './page.tsx';

const swapSchema = z.object({ version: field.version(), a: field.text(12), b: field.text(12) });

/** The messages of a swap the rules refuse, by form field. */
function swapErrors(e: SwapError, names: Names): FieldErrors {
  switch (e.code) {
    case 'not-in-round':
      return Object.fromEntries(e.fields.map((f) => [f, t('pairings.errors.notInRound')]));
    case 'same-person':
      return { b: t('pairings.errors.samePerson') };
    case 'same-group':
      return { _form: t('pairings.errors.sameGroup', { a: nameOf(names, e.a), b: nameOf(names, e.b) }) };
    case 'locked':
      return { _form: t('pairings.errors.swapLocked', { name: nameOf(names, e.personId), other: nameOf(names, e.otherId) }) };
    case 'forbidden':
      return { _form: t('pairings.errors.swapForbidden', { a: nameOf(names, e.pair[0]), b: nameOf(names, e.pair[1]) }) };
    case 'inactive':
      return { _form: t('pairings.errors.inactive', { name: nameOf(names, e.personId) }) };
  }
}

/** The draft named by the route, or null (404). */
async function routeRound(c: Ctx): Promise<Round | null> {
  const id = idParam(c.req.param('id'));
  return id === null ? null : getRound(c.get('db'), id);
}

export const roundRoutes = new Hono<AppEnv>()
  .post('/rounds/:id/swap', async (c) => {
    const db = c.get('db');
    const round = await routeRound(c);
    if (!round) return notFound(c);
    const names = await loadNames(db);
    const form = await parseForm(c, swapSchema);
    if (!form.ok) return pairingsPage(c, { swap: form, status: 422, partial: 'proposal' });
    const [a, b] = [idParam(form.data.a), idParam(form.data.b)];
    const swapText = `${nameOf(names, a ?? 0)} ↔ ${nameOf(names, b ?? 0)}`;
    const yours: Array<[string, string]> = [
      [t('pairings.versionLabel'), String(form.data.version)],
      [t('pairings.swap.title'), swapText],
    ];
    if (round.status !== 'draft' || round.version !== form.data.version) return pairingsConflict(c, yours, roundRows(round, names));
    const { settings } = round;
    const [data, history, trackRecord] = await Promise.all([planningData(db), pairHistory(db), loadTrackRecord(db, settings.weights, c.get('now')(), teamToday(c))]);
    const ctx = makeScoreContext({ team: data.people, areas: roundAreas(data, settings.areaIds), history, weights: settings.weights, now: c.get('now')(), trackRecord });
    const plan = planSwap(round, a, b, ctx);
    if (!plan.ok) return pairingsPage(c, { swap: { values: form.values, errors: swapErrors(plan.error, names) }, status: 422, partial: 'proposal', data });
    const done = await replaceDraftGroups(db, round.id, form.data.version, plan.replaced);
    if (!done.ok) return pairingsConflict(c, yours, roundRows(done.current, names));
    if (isHtmx(c)) return pairingsPage(c, { partial: 'proposal', data });
    return redirectAfterPost(c, '/pairings#proposal', { kind: 'ok', text: t('pairings.swapped', { swap: swapText }) });
  })
  .post('/rounds/:id/accept', async (c) => {
    const round = await routeRound(c);
    if (!round) return notFound(c);
    const form = await parseForm(c, z.object({ version: field.version(), note: field.optionalText(500) }));
    if (!form.ok) return pairingsPage(c, { accept: form, status: 422, partial: 'proposal' });
    const names = await loadNames(c.get('db'));
    const yours: Array<[string, string]> = [
      [t('pairings.versionLabel'), String(form.data.version)],
      [t('pairings.accept.note'), form.data.note || t('common.none')],
    ];
    if (round.status !== 'draft' || round.version !== form.data.version) return pairingsConflict(c, yours, roundRows(round, names));
    const done = await acceptDraft(c.get('db'), round.id, form.data.version, form.data.note, c.get('user')!.id, c.get('now')(), (tx, accepted) =>
      enqueueRoundAccepted(tx, c.get('notices'), c.req.url, accepted.id, accepted.groups.map((g) => g.members.map((m) => m.userId)), c.get('now')()),
    );
    if (!done.ok) return pairingsConflict(c, yours, roundRows(done.current, names));
    return redirectAfterPost(c, '/pairings', { kind: 'ok', text: t('pairings.accepted') });
  });
