// Deals with partner teams: board, one deal, timeline, counter-proposals.
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { DEAL_STATUSES, type DealStatus } from '../db/schema/index.ts';
import type { AppEnv, CurrentUser } from '../env.ts';
import { field, idParam, parseForm, readForm, type FieldErrors, type FormValues } from '../http/forms.ts';
import { forbidden, isHtmx, notFound, page, redirectAfterPost } from '../http/render.tsx';
import { listAreas } from '../areas/queries.ts';
import { listTeam } from '../members/queries.ts';
import {
  ACCEPT_STATUSES,
  COUNTER_STATUSES,
  dealHealth,
  DELIVERY_STATUSES,
  EDITABLE_STATUSES,
  HEALTH_FLAGS,
  moveProblem,
  nextStatuses,
  type MemberLoad,
} from '../planning/deal-health.ts';
import { ConflictView, EmptyState } from '../../views/components.tsx';
import { Board, DealsPage, type BoardCard, type BoardFilter } from '../../views/deals/board.tsx';
import { DealPage } from '../../views/deals/deal.tsx';
import { DealEditor, type EditorForm, type EditorMode } from '../../views/deals/editor.tsx';
import type { DealWithHealth, Perspective } from '../../views/deals/parts.tsx';
import { byName, t } from '../../views/i18n/index.ts';
import { attentionOf } from './attention.ts';
import { diffSnapshots, snapshotOfDeal, snapshotOfInput, snapshotRows, type Snapshot } from './changes.ts';
import { readDealForm, type EditorContext } from './form.ts';
import {
  acceptDeal,
  addComment,
  createDeal,
  dealTimeline,
  getDeal,
  latestCounterVersion,
  listDeals,
  listPartners,
  memberLoad,
  moveDeal,
  rateDeal,
  saveDeal,
  setItemDone,
  today,
  type Deal,
  type Viewer,
} from './queries.ts';

type C = Context<AppEnv>;

const me = (c: C) => c.var.user as CurrentUser;
const viewer = (c: C): Viewer => me(c);
const perspective = (c: C): Perspective => (me(c).role === 'partner' ? 'partner' : 'team');
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The deal of the route's :id if this user may see it (partners: their own team's only), else null → 404. */
async function routeDeal(c: C): Promise<Deal | null> {
  const id = idParam(c.req.param('id'));
  return id ? getDeal(c.var.db, id, viewer(c)) : null;
}

/** Partners are not shown our members' capacity: their view of health skips the capacity check. */
async function loadFor(c: C): Promise<MemberLoad> {
  return perspective(c) === 'team' ? memberLoad(c.var.db) : new Map();
}

function withHealth(c: C, deals: Deal[], load: MemberLoad): DealWithHealth[] {
  const day = today(c.var.now());
  return deals.map((d) => ({ ...d, health: dealHealth(d, day, load) }));
}

/** Only our own pages can be where a move returns to. */
const safeBack = (back: string | undefined) => (back && /^\/deals(\/\d{1,9})?(\?[\w=&%.+-]*)?$/.test(back) ? back : '/deals');

// --- the board ---

function readFilter(q: URLSearchParams): BoardFilter {
  const health = q.get('health');
  return {
    partnerId: idParam(q.get('partner') ?? undefined),
    ownerId: idParam(q.get('owner') ?? undefined),
    health: health && ['on_track', ...HEALTH_FLAGS].includes(health) ? health : null,
  };
}

async function boardData(c: C, query: URLSearchParams) {
  const { db } = c.var;
  const user = me(c);
  const filter = readFilter(query);
  const all = withHealth(c, await listDeals(db, viewer(c)), await loadFor(c));
  const shown = all.filter(
    (d) =>
      (!filter.partnerId || d.partnerId === filter.partnerId) &&
      (!filter.ownerId || d.ownerId === filter.ownerId) &&
      (!filter.health || (filter.health === 'on_track' ? d.health.onTrack : d.health.flags.includes(filter.health as never))),
  );
  const cards: BoardCard[] = shown.map((d) => ({ ...d, moves: user.role === 'partner' ? [] : nextStatuses(d.status, user.role) }));
  const owners = byName([...new Map(all.map((d) => [d.ownerId, { id: d.ownerId, name: d.ownerName }])).values()]);
  const search = query.toString();
  return { all, cards, filter, owners, back: `/deals${search ? `?${search}` : ''}` };
}

// --- one deal ---

async function dealPage(c: C, deal: Deal, extra: { comment?: { values?: FormValues; errors?: FieldErrors }; rating?: { values?: FormValues; errors?: FieldErrors }; status?: ContentfulStatusCode } = {}) {
  const { db } = c.var;
  const user = me(c);
  const who = perspective(c);
  const [d] = withHealth(c, [deal], await loadFor(c));
  const [timeline, counter] = await Promise.all([dealTimeline(db, deal.id), latestCounterVersion(db, deal.id)]);
  const previous = counter ? { byName: counter.byName, at: counter.createdAt, changes: diffSnapshots(JSON.parse(counter.snapshot) as Snapshot, snapshotOfDeal(deal)) } : null;
  const delivering = DELIVERY_STATUSES.includes(deal.status);
  const tickable = new Set(
    deal.items
      .filter(
        (i) =>
          delivering &&
          who === 'team' &&
          (user.role === 'manager' || (i.side === 'give' ? i.members.some((m) => m.id === user.id) : deal.ownerId === user.id)),
      )
      .map((i) => i.id),
  );
  return page(
    c,
    deal.title,
    <DealPage
      deal={d}
      who={who}
      moves={who === 'team' ? nextStatuses(deal.status, user.role) : []}
      change={changeMode(deal, who)}
      canAccept={who === 'partner' && ACCEPT_STATUSES.includes(deal.status) && !deal.acceptedAt}
      canRate={deal.status !== 'dropped'}
      tickable={tickable}
      timeline={timeline}
      previous={previous}
      comment={extra.comment}
      rating={extra.rating}
    />,
    { current: '/deals', status: extra.status },
  );
}

/** Team members edit in place before agreement; afterwards (and partners always) a change is a counter-proposal. */
function changeMode(deal: Deal, who: Perspective): 'edit' | 'counter' | null {
  if (who === 'team' && EDITABLE_STATUSES.includes(deal.status)) return 'edit';
  return COUNTER_STATUSES.includes(deal.status) ? 'counter' : null;
}

/** A refused action: on the board (htmx) the board comes back with the message; elsewhere a page with a way back. */
async function refuse(c: C, status: 403 | 409 | 422, message: string, back = '/deals') {
  if (isHtmx(c) && !/^\/deals\/\d/.test(back)) {
    const data = await boardData(c, new URL(back, 'http://x').searchParams);
    return c.html(<Board cards={data.cards} back={data.back} message={message} />, status);
  }
  return page(
    c,
    t('errors.title'),
    <section class="narrow">
      <div class="error-summary" role="alert">
        <p>{message}</p>
      </div>
      <p>
        <a href={back}>{t('common.back')}</a>
      </p>
    </section>,
    { status, current: '/deals' },
  );
}

function conflict(c: C, yours: Array<[string, string]>, current: Array<[string, string]>, backHref: string) {
  return page(c, t('errors.conflict'), <ConflictView yours={yours} current={current} backHref={backHref} />, { status: 409, current: '/deals' });
}

const statusRows = (deal: Deal, status: DealStatus, version: number): Array<[string, string]> => [
  [t('deals.field.status'), t(`deals.status.${status}`)],
  [t('deals.field.version'), String(version)],
  [t('deals.field.title'), deal.title],
];

// --- the editor ---

async function editorContext(c: C, mode: EditorMode, deal: Deal | null) {
  const { db } = c.var;
  const [partnerList, team, areaList] = await Promise.all([listPartners(db), listTeam(db), listAreas(db)]);
  const ctx: EditorContext = {
    mode,
    who: perspective(c),
    deal,
    createdDate: deal ? isoDay(deal.createdAt) : today(c.var.now()),
    partnerIds: new Set(partnerList.map((p) => p.id)),
    teamIds: new Set(team.map((m) => m.id)),
    areaIds: new Set(areaList.map((a) => a.id)),
  };
  const options = { partners: partnerList, team: byName(team), areas: areaList };
  return { ctx, options };
}

async function editorPage(c: C, mode: EditorMode, deal: Deal | null, form?: EditorForm, status: ContentfulStatusCode = 200) {
  const { options } = await editorContext(c, mode, deal);
  const action = mode === 'create' ? '/deals' : mode === 'edit' ? `/deals/${deal!.id}` : `/deals/${deal!.id}/counter`;
  const title = mode === 'create' ? t('deals.new.title') : t(`deals.editor.title.${mode}`, { title: deal!.title });
  const body =
    mode === 'create' && options.partners.length === 0 ? (
      <EmptyState>
        {t('deals.new.noPartners')} <a href="/partners">{t('partners.title')}</a>
      </EmptyState>
    ) : (
      <DealEditor mode={mode} action={action} who={perspective(c)} deal={deal ?? undefined} {...options} form={form} />
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

/** The submitted form as label/value rows, for the 409 page when the form was built on an older version. */
function submittedRows(fields: Record<string, unknown>): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  for (const f of ['title', 'neededBy', 'committedDate'] as const) if (typeof fields[f] === 'string') rows.push([t(`deals.field.${f}`), (fields[f] as string) || t('common.none')]);
  for (const [k, v] of Object.entries(fields)) {
    const m = /^(i\d+|give\d+|get\d+)_description$/.exec(k);
    if (!m || typeof v !== 'string' || !v.trim() || fields[`${m[1]}_remove`] === '1') continue;
    const due = fields[`${m[1]}_dueDate`];
    const side = m[1].startsWith('get') ? 'get' : m[1].startsWith('give') ? 'give' : null;
    rows.push([side ? t(`deals.side.${side}`) : t('deals.field.description'), typeof due === 'string' && due ? `${v} · ${t('deals.dueOn', { date: due })}` : v]);
  }
  if (typeof fields.note === 'string') rows.push([t('deals.editor.note'), fields.note]);
  return rows;
}

/** Shared by the in-place edit and the counter-proposal: stale check, validation, diff, save. */
async function saveEdit(c: C, deal: Deal, mode: 'edit' | 'counter') {
  const { db } = c.var;
  const user = me(c);
  const { fields } = await readForm(c, []);
  const currentRows = () => snapshotRows(snapshotOfDeal(deal), t);
  if (typeof fields.version !== 'string' || !/^\d{1,9}$/.test(fields.version)) return refuse(c, 422, t('errors.badRequest', { reason: 'version' }), `/deals/${deal.id}`);
  // The form's rows are those of the version it was read at: check the version before reading the rows.
  if (fields.version !== String(deal.version)) return conflict(c, submittedRows(fields), currentRows(), `/deals/${deal.id}/edit`);
  const { ctx, options } = await editorContext(c, mode, deal);
  const read = await readDealForm(c, ctx);
  if (!read.ok) return editorPage(c, mode, deal, read.form, 422);
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
  const saved = await saveDeal(db, deal, read.version!, read.input, changes, user.id, c.var.now(), mode === 'counter' ? { note: read.note, snapshot: before } : undefined);
  if (!saved) return conflict(c, submittedRows(fields), currentRows(), `/deals/${deal.id}/edit`);
  return redirectAfterPost(c, `/deals/${deal.id}`, { kind: 'ok', text: t(mode === 'counter' ? 'deals.flash.countered' : 'deals.flash.saved') });
}

const moveSchema = z.object({ to: field.choice(DEAL_STATUSES), version: field.version(), back: z.string().max(500).optional() });
const commentSchema = z.object({ body: field.text(4000) });
const ratingSchema = z.object({ give: field.int(1, 5), get: field.int(1, 5), version: field.version() });
const doneSchema = z.object({ done: field.choice(['0', '1']), version: field.version() });
const versionSchema = z.object({ version: field.version() });

export const dealRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const user = me(c);
    const data = await boardData(c, new URL(c.req.url).searchParams);
    const forPartner = user.role === 'partner';
    return page(
      c,
      t('deals.title'),
      <DealsPage
        cards={data.cards}
        attention={attentionOf(data.cards, forPartner)}
        filter={data.filter}
        partners={forPartner ? [] : await listPartners(c.var.db)}
        owners={data.owners}
        forPartner={forPartner}
        canPropose={!forPartner}
        back={data.back}
        total={data.all.length}
      />,
      { current: '/deals', wide: true },
    );
  })
  .post('/', async (c) => {
    const { ctx } = await editorContext(c, 'create', null);
    const read = await readDealForm(c, ctx);
    if (!read.ok) return editorPage(c, 'create', null, read.form, 422);
    const id = await createDeal(c.var.db, read.input, me(c).id, c.var.now());
    return redirectAfterPost(c, `/deals/${id}`, { kind: 'ok', text: t('deals.flash.proposed') });
  })
  // '/:id' is registered before '/new' and passes non-numeric ids on, so the access guard (which reads the
  // last matching route) sees '/deals/new' for the proposal form; the form checks the role itself as well.
  .get('/:id', async (c, next) => {
    if (!idParam(c.req.param('id'))) return next();
    const deal = await routeDeal(c);
    return deal ? dealPage(c, deal) : notFound(c);
  })
  .get('/new', (c) => (me(c).role === 'partner' ? forbidden(c) : editorPage(c, 'create', null)))
  .get('/:id/edit', async (c) => {
    const deal = await routeDeal(c);
    if (!deal) return notFound(c);
    const mode = changeMode(deal, perspective(c));
    if (!mode) return refuse(c, 409, t('deals.errors.notChangeable', { status: t(`deals.status.${deal.status}`) }), `/deals/${deal.id}`);
    return editorPage(c, mode, deal);
  })
  .post('/:id', async (c) => {
    const deal = await routeDeal(c);
    if (!deal) return notFound(c);
    if (!EDITABLE_STATUSES.includes(deal.status)) return refuse(c, 409, t('deals.errors.editAfterAgreement', { status: t(`deals.status.${deal.status}`) }), `/deals/${deal.id}`);
    return saveEdit(c, deal, 'edit');
  })
  .post('/:id/counter', async (c) => {
    const deal = await routeDeal(c);
    if (!deal) return notFound(c);
    if (!COUNTER_STATUSES.includes(deal.status)) return refuse(c, 409, t('deals.errors.notChangeable', { status: t(`deals.status.${deal.status}`) }), `/deals/${deal.id}`);
    return saveEdit(c, deal, 'counter');
  })
  .post('/:id/status', async (c) => {
    const deal = await routeDeal(c);
    if (!deal) return notFound(c);
    const form = await parseForm(c, moveSchema);
    const back = safeBack(form.values.back);
    if (!form.ok) return refuse(c, 422, Object.values(form.errors)[0], back);
    const { to, version } = form.data;
    const user = me(c);
    const problem = moveProblem(deal, to, user.role);
    const names = { from: t(`deals.status.${deal.status}`), to: t(`deals.status.${to}`) };
    if (problem === 'role') return refuse(c, 403, t('deals.errors.managerOnly', names), back);
    if (problem) return refuse(c, 422, t(`deals.errors.move.${problem}`, names), back);
    if (version !== deal.version || !(await moveDeal(c.var.db, deal, version, to, user.id, c.var.now()))) {
      if (isHtmx(c)) return refuse(c, 409, t('deals.errors.staleMove', { title: deal.title }), back);
      return conflict(c, statusRows(deal, to, version), statusRows(deal, deal.status, deal.version), `/deals/${deal.id}`);
    }
    const flash = { kind: 'ok' as const, text: t('deals.flash.moved', { title: deal.title, status: names.to }) };
    if (isHtmx(c) && !/^\/deals\/\d/.test(back)) {
      const data = await boardData(c, new URL(back, 'http://x').searchParams);
      return c.html(<Board cards={data.cards} back={data.back} />);
    }
    return redirectAfterPost(c, back, flash);
  })
  .post('/:id/comments', async (c) => {
    const deal = await routeDeal(c);
    if (!deal) return notFound(c);
    const form = await parseForm(c, commentSchema);
    if (!form.ok) return dealPage(c, deal, { comment: form, status: 422 });
    await addComment(c.var.db, deal.id, form.data.body, me(c).id, c.var.now());
    return redirectAfterPost(c, `/deals/${deal.id}#timeline-title`, { kind: 'ok', text: t('deals.flash.commented') });
  })
  .post('/:id/ratings', async (c) => {
    const deal = await routeDeal(c);
    if (!deal) return notFound(c);
    if (deal.status === 'dropped') return refuse(c, 409, t('deals.errors.notChangeable', { status: t('deals.status.dropped') }), `/deals/${deal.id}`);
    const form = await parseForm(c, ratingSchema);
    if (!form.ok) return dealPage(c, deal, { rating: form, status: 422 });
    const { give, get, version } = form.data;
    const partner = me(c).role === 'partner';
    const rows = (g: number | null, r: number | null, v: number): Array<[string, string]> => [
      [t(partner ? 'deals.rating.partnerGiveValue' : 'deals.rating.ourGiveValue'), g === null ? t('common.none') : String(g)],
      [t(partner ? 'deals.rating.partnerGetValue' : 'deals.rating.ourGetValue'), r === null ? t('common.none') : String(r)],
      [t('deals.field.version'), String(v)],
    ];
    const current = partner ? rows(deal.partnerGiveValue, deal.partnerGetValue, deal.version) : rows(deal.ourGiveValue, deal.ourGetValue, deal.version);
    if (version !== deal.version || !(await rateDeal(c.var.db, deal, version, { give, get }, viewer(c), c.var.now()))) {
      return conflict(c, rows(give, get, version), current, `/deals/${deal.id}`);
    }
    return redirectAfterPost(c, `/deals/${deal.id}`, { kind: 'ok', text: t('deals.flash.rated') });
  })
  .post('/:id/accept', async (c) => {
    const deal = await routeDeal(c);
    if (!deal) return notFound(c);
    const form = await parseForm(c, versionSchema);
    if (!form.ok) return refuse(c, 422, Object.values(form.errors)[0], `/deals/${deal.id}`);
    if (!ACCEPT_STATUSES.includes(deal.status)) return refuse(c, 409, t('deals.errors.notAcceptable', { status: t(`deals.status.${deal.status}`) }), `/deals/${deal.id}`);
    if (form.data.version !== deal.version || !(await acceptDeal(c.var.db, deal, form.data.version, me(c).id, c.var.now()))) {
      return conflict(c, statusRows(deal, deal.status, form.data.version), statusRows(deal, deal.status, deal.version), `/deals/${deal.id}`);
    }
    return redirectAfterPost(c, `/deals/${deal.id}`, { kind: 'ok', text: t('deals.flash.accepted') });
  })
  .post('/:id/items/:itemId/done', async (c) => {
    const deal = await routeDeal(c);
    const itemId = idParam(c.req.param('itemId'));
    const item = deal?.items.find((i) => i.id === itemId);
    if (!deal || !item) return notFound(c);
    const user = me(c);
    const own = item.side === 'give' ? item.members.some((m) => m.id === user.id) : deal.ownerId === user.id;
    if (user.role !== 'manager' && !own) return refuse(c, 403, t(`deals.errors.notYourItem.${item.side}`), `/deals/${deal.id}`);
    if (!DELIVERY_STATUSES.includes(deal.status)) return refuse(c, 409, t('deals.errors.notDelivering', { status: t(`deals.status.${deal.status}`) }), `/deals/${deal.id}`);
    const form = await parseForm(c, doneSchema);
    if (!form.ok) return refuse(c, 422, Object.values(form.errors)[0], `/deals/${deal.id}`);
    const done = form.data.done === '1';
    const rows = (d: boolean, v: number): Array<[string, string]> => [
      [t(`deals.side.${item.side}`), item.description],
      [t('deals.item.state'), t(d ? 'deals.item.done' : 'deals.item.open')],
      [t('deals.field.version'), String(v)],
    ];
    if (form.data.version !== deal.version || !(await setItemDone(c.var.db, deal, form.data.version, item, done, user.id, c.var.now()))) {
      return conflict(c, rows(done, form.data.version), rows(item.done, deal.version), `/deals/${deal.id}`);
    }
    return redirectAfterPost(c, `/deals/${deal.id}`, { kind: 'ok', text: t(done ? 'deals.flash.done' : 'deals.flash.reopened', { item: item.description }) });
  });
