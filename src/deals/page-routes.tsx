// What every deal route shares: the viewer, the route's deal, health on the request's clock, refusals, and the board and deal pages.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../env.ts';
import { HEALTH_FLAGS, isoDay, type CurrentUser, type DealStatus, type FieldErrors, type FormValues } from '../domain.ts';
import { idParam } from '../http/forms.ts';
import { safeTarget } from '../http/redirect.ts';
import { isHtmx, page } from '../http/render.tsx';
import { listPartners } from '../partners/queries.ts';
import { dealHealth, type MemberLoad } from '../planning/deal-health.ts';
import { Board, DealsPage, type BoardFilter } from '../../views/deals/board.tsx';
import { DealPage } from '../../views/deals/deal.tsx';
import { byName, t } from '../../views/i18n/index.ts';
import { attentionOf } from './attention.ts';
import { diffSnapshots, snapshotOfDeal, type Snapshot } from './changes.ts';
import { dealTimeline, getDeal, healthLoad, latestCounterVersion, listDeals, type Deal } from './queries.ts';
import { dealRights, movesOf, perspectiveOf } from './rights.ts';

export type C = Context<AppEnv>;
type Form = { values?: FormValues; errors?: FieldErrors };

export const me = (c: C) => c.get('user') as CurrentUser;
export const perspective = (c: C) => perspectiveOf(me(c));

/** The deal of the route's :id if this user may see it (partners: their own team's only), else null → 404. */
export async function routeDeal(c: C): Promise<Deal | null> {
  const id = idParam(c.req.param('id'));
  return id ? getDeal(c.get('db'), id, me(c)) : null;
}

/** Partners are not shown our members' capacity: their view of health skips the capacity check. */
const loadFor = (c: C): Promise<MemberLoad> => healthLoad(c.get('db'), me(c));

function withHealth(c: C, deals: Deal[], load: MemberLoad) {
  const day = isoDay(c.get('now')());
  return deals.map((d) => ({ ...d, health: dealHealth(d, day, load) }));
}

/** Deals with their health on the request's clock, as the viewer may see it (the board, a deal, the API). */
export async function dealsWithHealth(c: C, deals: Deal[]) {
  return withHealth(c, deals, await loadFor(c));
}

/** Where a move returns to: one of our own pages (the board with its filter, or a deal), else the board. */
export function backOf(raw: string | undefined): string {
  const back = safeTarget(raw, '/deals');
  return /^\/deals(\/\d{1,9})?(\?|$)/.test(back) ? back : '/deals';
}

/** A back address that is the board (with its filter) rather than one deal's page. */
export const isBoard = (back: string) => !/^\/deals\/\d/.test(back);

// --- the board ---

function readFilter(q: URLSearchParams): BoardFilter {
  const health = q.get('health');
  return {
    partnerId: idParam(q.get('partner') ?? undefined),
    ownerId: idParam(q.get('owner') ?? undefined),
    health: health && ['on_track', ...HEALTH_FLAGS].includes(health) ? health : null,
  };
}

export async function boardData(c: C, query: URLSearchParams) {
  const user = me(c);
  const filter = readFilter(query);
  const all = withHealth(c, await listDeals(c.get('db'), user), await loadFor(c));
  const shown = all.filter(
    (d) =>
      (!filter.partnerId || d.partnerId === filter.partnerId) &&
      (!filter.ownerId || d.ownerId === filter.ownerId) &&
      (!filter.health || (filter.health === 'on_track' ? d.health.onTrack : d.health.flags.includes(filter.health as never))),
  );
  const cards = shown.map((d) => ({ ...d, ...movesOf(d, user) }));
  const owners = byName([...new Map(all.map((d) => [d.ownerId, { id: d.ownerId, name: d.ownerName }])).values()]);
  const search = query.toString();
  return { all, cards, filter, owners, back: `/deals${search ? `?${search}` : ''}` };
}

/** The board (htmx) for a back address, with a message when an action was refused. */
export async function boardPartial(c: C, back: string, message?: string, status: ContentfulStatusCode = 200) {
  const data = await boardData(c, new URL(back, 'http://x').searchParams);
  return c.html(<Board cards={data.cards} back={data.back} who={perspective(c)} message={message} />, status);
}

export async function showBoard(c: C) {
  const data = await boardData(c, new URL(c.req.url).searchParams);
  const forPartner = me(c).role === 'partner';
  return page(
    c,
    t('deals.title'),
    <DealsPage
      cards={data.cards}
      attention={attentionOf(data.cards, forPartner)}
      filter={data.filter}
      partners={forPartner ? [] : await listPartners(c.get('db'))}
      owners={data.owners}
      forPartner={forPartner}
      canPropose={!forPartner}
      back={data.back}
      total={data.all.length}
    />,
    { current: '/deals', wide: true },
  );
}

// --- one deal ---

export async function dealPage(c: C, deal: Deal, extra: { comment?: Form; rating?: Form; status?: ContentfulStatusCode } = {}) {
  const [d] = withHealth(c, [deal], await loadFor(c));
  const [timeline, counter] = await Promise.all([dealTimeline(c.get('db'), deal.id), latestCounterVersion(c.get('db'), deal.id)]);
  const previous = counter ? { byName: counter.byName, at: counter.createdAt, changes: diffSnapshots(JSON.parse(counter.snapshot) as Snapshot, snapshotOfDeal(deal)) } : null;
  return page(
    c,
    deal.title,
    <DealPage deal={d} who={perspective(c)} rights={dealRights(deal, me(c))} timeline={timeline} previous={previous} comment={extra.comment} rating={extra.rating} />,
    { current: '/deals', status: extra.status },
  );
}

/** A refused action: on the board (htmx) the board comes back with the message; elsewhere a page with a way back. */
export async function refuse(c: C, status: 403 | 409 | 422, message: string, back = '/deals') {
  if (isHtmx(c) && isBoard(back)) return boardPartial(c, back, message, status);
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

/** The words of a status in the current language, for messages. */
export const statusName = (status: DealStatus) => t(`deals.status.${status}`);
