// The deal editor's routes: proposing a deal, editing it in place before agreement, and counter-proposing.
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isoDay, type Perspective } from '../domain.ts';
import { field, readForm } from '../http/forms.ts';
import { conflict, forbidden, notFound, page, redirectAfterPost } from '../http/render.tsx';
import { listAreas } from '../areas/queries.ts';
import { listTeam } from '../members/queries.ts';
import { listPartners } from '../partners/queries.ts';
import { COUNTER_STATUSES, EDITABLE_STATUSES } from '../planning/deal-health.ts';
import { EmptyState } from '../../views/components.tsx';
import { DealEditor } from '../../views/deals/editor.tsx';
import { byName, t } from '../../views/i18n/index.ts';
import { DEAL_FIELDS, diffSnapshots, show, snapshotOfDeal, snapshotOfInput, type Snapshot } from './changes.ts';
import { readDealForm, rowsOf, type EditorContext, type EditorForm, type EditorMode, type FormProblem, type ReadDeal } from './form.ts';
import { me, perspective, refuse, routeDeal, statusName, type C } from './page-routes.tsx';
import type { DbOrTx } from '../db/client.ts';
import { enqueueDealReview } from '../notices/causes.ts';
import { createDeal, saveDeal, type Deal } from './queries.ts';
import { changeMode, editRights } from './rights.ts';

async function editorContext(c: C, mode: EditorMode, deal: Deal | null) {
  const db = c.get('db');
  const [partnerList, team, areaList] = await Promise.all([listPartners(db), listTeam(db), listAreas(db)]);
  const ctx: EditorContext = {
    mode,
    rights: editRights(perspective(c)),
    deal,
    createdDate: isoDay(deal ? deal.createdAt : c.get('now')()),
    partnerIds: new Set(partnerList.map((p) => p.id)),
    teamIds: new Set(team.map((m) => m.id)),
    areaIds: new Set(areaList.map((a) => a.id)),
  };
  const options = { partners: partnerList, team: byName(team), areas: areaList };
  return { ctx, options };
}

function problemText(p: FormProblem): string {
  switch (p.code) {
    case 'beforeCreation':
      return t('deals.errors.beforeCreation', { date: p.date });
    case 'unknownPartner':
      return t('errors.choice');
    case 'required':
      return t('errors.required');
    case 'unknownArea':
      return t('errors.unknownArea');
    default:
      return t(`deals.errors.${p.code}`);
  }
}

/** The form to show again after a refused read, with the checks' codes in words. */
function refusedForm(read: Extract<ReadDeal, { ok: false }>): EditorForm {
  const words = Object.fromEntries(Object.entries(read.problems).map(([name, p]) => [name, problemText(p)]));
  return { ...read.form, errors: { ...read.form.errors, ...words } };
}

async function editorPage(c: C, mode: EditorMode, deal: Deal | null, form?: EditorForm, status: ContentfulStatusCode = 200) {
  const { ctx, options } = await editorContext(c, mode, deal);
  const action = mode === 'create' ? '/deals' : mode === 'edit' ? `/deals/${deal!.id}` : `/deals/${deal!.id}/counter`;
  const title = mode === 'create' ? t('deals.new.title') : t(`deals.editor.title.${mode}`, { title: deal!.title });
  const body =
    mode === 'create' && options.partners.length === 0 ? (
      <EmptyState>
        {t('deals.new.noPartners')} <a href="/partners">{t('partners.title')}</a>
      </EmptyState>
    ) : (
      <DealEditor mode={mode} action={action} who={perspective(c)} rights={ctx.rights} deal={deal ?? undefined} rows={rowsOf(mode, deal)} {...options} form={form} />
    );
  return page(
    c,
    title,
    <section class="editor-page">
      <h1>{title}</h1>
      {body}
    </section>,
    { current: '/deals', status },
  );
}

/** A snapshot as label/value rows, for the 409 page's "current" column. */
function snapshotRows(s: Snapshot, who: Perspective): Array<[string, string]> {
  const none = t('common.none');
  const rows: Array<[string, string]> = DEAL_FIELDS.map((f) => [t(`deals.field.${f}`), show(s[f]) ?? none]);
  for (const i of s.items) {
    const parts = [i.description, i.dueDate ? t('deals.dueOn', { date: i.dueDate }) : null, i.area, i.side === 'give' && i.effort ? t('deals.points', { points: i.effort }) : null, i.members.length ? i.members.join(', ') : null];
    rows.push([t(`deals.heading.${who}.${i.side}`), parts.filter(Boolean).join(' · ')]);
  }
  return rows;
}

/** The submitted form as label/value rows, for the 409 page when the form was built on an older version. */
function submittedRows(fields: Record<string, unknown>, who: Perspective): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  for (const f of ['title', 'neededBy', 'committedDate'] as const) if (typeof fields[f] === 'string') rows.push([t(`deals.field.${f}`), (fields[f] as string) || t('common.none')]);
  for (const [k, v] of Object.entries(fields)) {
    const m = /^(i\d+|give\d+|get\d+)_description$/.exec(k);
    if (!m || typeof v !== 'string' || !v.trim() || fields[`${m[1]}_remove`] === '1') continue;
    const due = fields[`${m[1]}_dueDate`];
    const side = m[1].startsWith('get') ? 'get' : m[1].startsWith('give') ? 'give' : null;
    rows.push([side ? t(`deals.heading.${who}.${side}`) : t('deals.field.description'), typeof due === 'string' && due ? `${v} · ${t('deals.dueOn', { date: due })}` : v]);
  }
  if (typeof fields.note === 'string') rows.push([t('deals.editor.note'), fields.note]);
  return rows;
}

/** Shared by the in-place edit and the counter-proposal: stale check, validation, diff, save. */
async function saveEdit(c: C, deal: Deal, mode: 'edit' | 'counter') {
  const { fields } = await readForm(c, []);
  const stale = () => conflict(c, { yours: submittedRows(fields, perspective(c)), current: snapshotRows(snapshotOfDeal(deal), perspective(c)), backHref: `/deals/${deal.id}/edit` }, { current: '/deals' });
  const version = field.version().safeParse(fields.version);
  if (!version.success) return refuse(c, 422, t('errors.badRequest', { reason: 'version' }), `/deals/${deal.id}`);
  // The form's rows are those of the version it was read at: check the version before reading the rows.
  if (version.data !== deal.version) return stale();
  const { ctx, options } = await editorContext(c, mode, deal);
  const read = await readDealForm(c, ctx);
  if (!read.ok) return editorPage(c, mode, deal, refusedForm(read), 422);
  const names = {
    partner: (id: number) => options.partners.find((p) => p.id === id)?.name ?? '',
    user: (id: number) => options.team.find((m) => m.id === id)?.name ?? deal.items.flatMap((i) => i.members).find((m) => m.id === id)?.name ?? '',
    area: (id: number) => options.areas.find((a) => a.id === id)?.name ?? '',
  };
  const before = snapshotOfDeal(deal);
  const changes = diffSnapshots(before, snapshotOfInput(read.input, names));
  if (mode === 'edit' && changes.length === 0) return redirectAfterPost(c, `/deals/${deal.id}`, { kind: 'ok', text: t('deals.flash.unchanged') });
  if (mode === 'counter' && changes.length === 0) {
    return editorPage(c, mode, deal, { ...read.form, errors: { _form: t('deals.errors.counterUnchanged') } }, 422);
  }
  // A partner's counter-proposal waits for the manager's review: the notice is written with it.
  const review =
    mode === 'counter' && me(c).role === 'partner'
      ? (tx: DbOrTx) => enqueueDealReview(tx, c.get('notices'), c.req.url, { ...deal, title: read.input.title, version: deal.version + 1 }, 'counter', c.get('now')())
      : undefined;
  const saved = await saveDeal(c.get('db'), deal, read.version!, read.input, changes, me(c).id, c.get('now')(), mode === 'counter' ? { note: read.note, snapshot: before } : undefined, review);
  if (!saved) return stale();
  return redirectAfterPost(c, `/deals/${deal.id}`, { kind: 'ok', text: t(mode === 'counter' ? 'deals.flash.countered' : 'deals.flash.saved') });
}

// --- handlers ---

export async function proposeDeal(c: C) {
  const { ctx } = await editorContext(c, 'create', null);
  const read = await readDealForm(c, ctx);
  if (!read.ok) return editorPage(c, 'create', null, refusedForm(read), 422);
  const id = await createDeal(c.get('db'), read.input, me(c).id, c.get('now')());
  return redirectAfterPost(c, `/deals/${id}`, { kind: 'ok', text: t('deals.flash.proposed') });
}

export const proposalForm = (c: C) => (me(c).role === 'partner' ? forbidden(c) : editorPage(c, 'create', null));

export async function editForm(c: C) {
  const deal = await routeDeal(c);
  if (!deal) return notFound(c);
  const mode = changeMode(deal.status, perspective(c));
  if (!mode) return refuse(c, 409, t('deals.errors.notChangeable', { status: statusName(deal.status) }), `/deals/${deal.id}`);
  return editorPage(c, mode, deal);
}

export async function editInPlace(c: C) {
  const deal = await routeDeal(c);
  if (!deal) return notFound(c);
  if (!EDITABLE_STATUSES.includes(deal.status)) return refuse(c, 409, t('deals.errors.editAfterAgreement', { status: statusName(deal.status) }), `/deals/${deal.id}`);
  return saveEdit(c, deal, 'edit');
}

export async function counterPropose(c: C) {
  const deal = await routeDeal(c);
  if (!deal) return notFound(c);
  if (!COUNTER_STATUSES.includes(deal.status)) return refuse(c, 409, t('deals.errors.notChangeable', { status: statusName(deal.status) }), `/deals/${deal.id}`);
  return saveEdit(c, deal, 'counter');
}
