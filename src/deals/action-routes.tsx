// Actions on one deal: moving its status, commenting, rating its value, accepting it and ticking items done.
import { z } from 'zod';
import { DEAL_STATUSES, type DealStatus } from '../domain.ts';
import { field, idParam, parseForm } from '../http/forms.ts';
import { conflict, isHtmx, notFound, redirectAfterPost } from '../http/render.tsx';
import { ACCEPT_STATUSES, moveProblem, tickProblem } from '../planning/deal-health.ts';
import { t } from '../../views/i18n/index.ts';
import { backOf, boardPartial, dealPage, isBoard, me, refuse, routeDeal, statusName, type C } from './page-routes.tsx';
import type { DbOrTx } from '../db/client.ts';
import { enqueueDealReview } from '../notices/causes.ts';
import { acceptDeal, addComment, moveDeal, rateDeal, setItemDone, type Deal } from './queries.ts';

const moveSchema = z.object({ to: field.choice(DEAL_STATUSES), version: field.version(), back: z.string().max(500).optional() });
const commentSchema = z.object({ body: field.text(4000) });
const ratingSchema = z.object({ give: field.int(1, 5), get: field.int(1, 5), version: field.version() });
const doneSchema = z.object({ done: field.choice(['0', '1']), version: field.version() });
const versionSchema = z.object({ version: field.version() });

const statusRows = (deal: Deal, status: DealStatus, version: number): Array<[string, string]> => [
  [t('deals.field.status'), statusName(status)],
  [t('deals.field.version'), String(version)],
  [t('deals.field.title'), deal.title],
];

export async function moveStatus(c: C) {
  const deal = await routeDeal(c);
  if (!deal) return notFound(c);
  const form = await parseForm(c, moveSchema);
  const back = backOf(form.values.back);
  if (!form.ok) return refuse(c, 422, Object.values(form.errors)[0], back);
  const { to, version } = form.data;
  const user = me(c);
  const problem = moveProblem(deal, to, user.role);
  const names = { from: statusName(deal.status), to: statusName(to) };
  if (problem === 'role') return refuse(c, 403, t('deals.errors.managerOnly', names), back);
  if (problem) return refuse(c, 422, t(`deals.errors.move.${problem}`, names), back);
  if (version !== deal.version || !(await moveDeal(c.get('db'), deal, version, to, user.id, c.get('now')()))) {
    if (isHtmx(c)) return refuse(c, 409, t('deals.errors.staleMove', { title: deal.title }), back);
    return conflict(c, { yours: statusRows(deal, to, version), current: statusRows(deal, deal.status, deal.version), backHref: `/deals/${deal.id}` }, { current: '/deals' });
  }
  if (isHtmx(c) && isBoard(back)) return boardPartial(c, back);
  return redirectAfterPost(c, back, { kind: 'ok', text: t('deals.flash.moved', { title: deal.title, status: names.to }) });
}

export async function comment(c: C) {
  const deal = await routeDeal(c);
  if (!deal) return notFound(c);
  const form = await parseForm(c, commentSchema);
  if (!form.ok) return dealPage(c, deal, { comment: form, status: 422 });
  await addComment(c.get('db'), deal.id, form.data.body, me(c).id, c.get('now')());
  return redirectAfterPost(c, `/deals/${deal.id}#timeline-title`, { kind: 'ok', text: t('deals.flash.commented') });
}

export async function rate(c: C) {
  const deal = await routeDeal(c);
  if (!deal) return notFound(c);
  if (deal.status === 'dropped') return refuse(c, 409, t('deals.errors.notChangeable', { status: statusName('dropped') }), `/deals/${deal.id}`);
  const form = await parseForm(c, ratingSchema);
  if (!form.ok) return dealPage(c, deal, { rating: form, status: 422 });
  const { give, get, version } = form.data;
  const partner = me(c).role === 'partner';
  const rows = (g: number | null, r: number | null, v: number): Array<[string, string]> => [
    [t(partner ? 'deals.ratingForPartner.partnerGiveValue' : 'deals.rating.ourGiveValue'), g === null ? t('common.none') : String(g)],
    [t(partner ? 'deals.ratingForPartner.partnerGetValue' : 'deals.rating.ourGetValue'), r === null ? t('common.none') : String(r)],
    [t('deals.field.version'), String(v)],
  ];
  const current = partner ? rows(deal.partnerGiveValue, deal.partnerGetValue, deal.version) : rows(deal.ourGiveValue, deal.ourGetValue, deal.version);
  if (version !== deal.version || !(await rateDeal(c.get('db'), deal, version, { give, get }, me(c), c.get('now')()))) {
    return conflict(c, { yours: rows(give, get, version), current, backHref: `/deals/${deal.id}` }, { current: '/deals' });
  }
  return redirectAfterPost(c, `/deals/${deal.id}`, { kind: 'ok', text: t('deals.flash.rated') });
}

export async function accept(c: C) {
  const deal = await routeDeal(c);
  if (!deal) return notFound(c);
  const form = await parseForm(c, versionSchema);
  if (!form.ok) return refuse(c, 422, Object.values(form.errors)[0], `/deals/${deal.id}`);
  if (!ACCEPT_STATUSES.includes(deal.status)) return refuse(c, 409, t('deals.errors.notAcceptable', { status: statusName(deal.status) }), `/deals/${deal.id}`);
  // A partner's acceptance leaves the decision to the manager: they hear of it in the same transaction.
  const review = me(c).role === 'partner' ? (tx: DbOrTx) => enqueueDealReview(tx, c.get('notices'), c.req.url, { ...deal, version: deal.version + 1 }, 'accepted', c.get('now')()) : undefined;
  if (form.data.version !== deal.version || !(await acceptDeal(c.get('db'), deal, form.data.version, me(c).id, c.get('now')(), review))) {
    const rows = (v: number) => statusRows(deal, deal.status, v);
    return conflict(c, { yours: rows(form.data.version), current: rows(deal.version), backHref: `/deals/${deal.id}` }, { current: '/deals' });
  }
  return redirectAfterPost(c, `/deals/${deal.id}`, { kind: 'ok', text: t('deals.flash.accepted') });
}

export async function tickItem(c: C) {
  const deal = await routeDeal(c);
  const itemId = idParam(c.req.param('itemId'));
  const item = deal?.items.find((i) => i.id === itemId);
  if (!deal || !item) return notFound(c);
  const user = me(c);
  const problem = tickProblem(deal, item, user);
  if (problem === 'notYours') return refuse(c, 403, t(`deals.errors.notYourItem.${item.side}`), `/deals/${deal.id}`);
  if (problem === 'notDelivering') return refuse(c, 409, t('deals.errors.notDelivering', { status: statusName(deal.status) }), `/deals/${deal.id}`);
  const form = await parseForm(c, doneSchema);
  if (!form.ok) return refuse(c, 422, Object.values(form.errors)[0], `/deals/${deal.id}`);
  const done = form.data.done === '1';
  const rows = (d: boolean, v: number): Array<[string, string]> => [
    [t(`deals.side.${item.side}`), item.description],
    [t('deals.item.state'), t(d ? 'deals.item.done' : 'deals.item.open')],
    [t('deals.field.version'), String(v)],
  ];
  if (form.data.version !== deal.version || !(await setItemDone(c.get('db'), deal, form.data.version, item, done, user.id, c.get('now')()))) {
    return conflict(c, { yours: rows(done, form.data.version), current: rows(item.done, deal.version), backHref: `/deals/${deal.id}` }, { current: '/deals' });
  }
  return redirectAfterPost(c, `/deals/${deal.id}`, { kind: 'ok', text: t(done ? 'deals.flash.done' : 'deals.flash.reopened', { item: item.description }) });
}
