// The deals board: filters, the attention list and one column per status; the board is also the htmx partial of a move.
import { DEAL_STATUSES, HEALTH_FLAGS, type DealStatus, type Perspective } from '../../src/domain.ts';
import { EmptyState } from '../components.tsx';
import { keyFor, t } from '../i18n/index.ts';
import { Select } from '../ui/field.tsx';
import { AttentionList, fmtDate, HealthTags, MoveNeeds, ownerLabel, type Attention, type BlockedMove } from './parts.tsx';
import { viewerSide } from './sides.ts';
import type { DealWithHealth } from './types.ts';

export type BoardFilter = { partnerId: number | null; ownerId: number | null; health: string | null };
export type BoardCard = DealWithHealth & { moves: DealStatus[]; blocked: BlockedMove[] };

export function DealsPage(p: {
  cards: BoardCard[];
  attention: Attention;
  filter: BoardFilter;
  partners: Array<{ id: number; name: string }>;
  owners: Array<{ id: number; name: string }>;
  forPartner: boolean;
  canPropose: boolean;
  back: string;
  total: number;
}) {
  const healthOptions = ['on_track', ...HEALTH_FLAGS] as const;
  const who: Perspective = p.forPartner ? 'partner' : 'team';
  return (
    <section class="deals">
      <div class="page-head">
        <h1>{t('deals.title')}</h1>
        {p.canPropose && (
          <a class="button" href="/deals/new">
            {t('deals.propose')}
          </a>
        )}
      </div>
      <section class="card attention-card" aria-labelledby="attention-title">
        <h2 id="attention-title">{t('deals.attention.title')}</h2>
        <AttentionList attention={p.attention} who={who} limit={5} />
      </section>
      <form method="get" action="/deals" class="filters" role="search" aria-label={t('deals.filter.label')}>
        {!p.forPartner && (
          <Select name="partner" label={t('deals.field.partner')} blank={t('deals.filter.allPartners')} value={p.filter.partnerId} options={p.partners.map((x) => ({ value: x.id, label: x.name }))} />
        )}
        <Select name="owner" label={ownerLabel(who)} blank={t('deals.filter.allOwners')} value={p.filter.ownerId} options={p.owners.map((x) => ({ value: x.id, label: x.name }))} />
        <Select name="health" label={t('deals.field.health')} blank={t('deals.filter.anyHealth')} value={p.filter.health} options={healthOptions.map((h) => ({ value: h, label: t(`deals.health.${h}`) }))} />
        <div class="filter-actions">
          <button type="submit" class="secondary">
            {t('common.filter')}
          </button>
          <a href="/deals">{t('common.reset')}</a>
        </div>
      </form>
      <p class="muted" aria-live="polite">
        {t('deals.filter.count', { shown: p.cards.length, total: p.total })}
      </p>
      <Board cards={p.cards} back={p.back} who={who} />
    </section>
  );
}

/** The columns; the very markup an htmx move swaps in (with a message when the move was refused). */
export function Board(p: { cards: BoardCard[]; back: string; who: Perspective; message?: string }) {
  return (
    <div id="board" class="board">
      {p.message && (
        <p class="flash flash-error board-message" role="alert">
          {p.message}
        </p>
      )}
      {p.cards.length === 0 ? (
        <EmptyState>{t('deals.board.empty')}</EmptyState>
      ) : (
        <div class="board-cols">
          {DEAL_STATUSES.map((status) => {
            const cards = p.cards.filter((c) => c.status === status);
            return (
              <section class={`board-col col-${status}`} aria-labelledby={`col-${status}`}>
                <h2 id={`col-${status}`}>
                  {t(`deals.status.${status}`)} <span class="count">{cards.length}</span>
                </h2>
                {cards.length === 0 ? (
                  <p class="muted col-empty">{t('deals.board.colEmpty')}</p>
                ) : (
                  <ol class="cards">
                    {cards.map((c) => (
                      <DealCard card={c} back={p.back} who={p.who} />
                    ))}
                  </ol>
                )}
              </section>
            );
          })}
        </div>
      )}
    </div>
  );
}

function DealCard(p: { card: BoardCard; back: string; who: Perspective }) {
  const c = p.card;
  // Counted from the viewer's side: what we give, a partner gets.
  const gives = c.items.filter((i) => viewerSide(i.side, p.who) === 'give');
  const gets = c.items.filter((i) => viewerSide(i.side, p.who) === 'get');
  const done = c.items.filter((i) => i.done).length;
  return (
    <li class="deal-card" id={`deal-card-${c.id}`}>
      <a class="deal-title" href={`/deals/${c.id}`}>
        {c.title}
      </a>
      <p class="deal-meta">
        <span class="partner-name">{c.partnerName}</span> · <span>{c.ownerName}</span>
      </p>
      <p class="deal-dates">
        {c.neededBy && <span>{t('deals.card.neededBy', { date: fmtDate(c.neededBy) })}</span>}
        {c.committedDate && <span>{t('deals.card.committed', { date: fmtDate(c.committedDate) })}</span>}
      </p>
      <p class="deal-counts muted">
        {t('deals.card.items', { gives: gives.length, gets: gets.length })}
        {c.items.length > 0 && ` · ${t('deals.card.done', { done, total: c.items.length })}`}
      </p>
      <p class="tags">
        <HealthTags health={c.health} status={c.status} who={p.who} />
        {c.acceptedAt && <span class="tag accepted">{t('deals.accepted')}</span>}
      </p>
      {c.moves.length > 0 && (
        <form class="move" method="post" action={`/deals/${c.id}/status`} hx-post={`/deals/${c.id}/status`} hx-target="#board" hx-swap="outerHTML">
          <input type="hidden" name="version" value={String(c.version)} />
          <input type="hidden" name="back" value={p.back} />
          <label for={`move-${c.id}`} class="visually-hidden">
            {t('deals.move.label', { title: c.title })}
          </label>
          <select id={`move-${c.id}`} name="to">
            {c.moves.map((s) => (
              <option value={s}>{t(keyFor('deals.move.to.', s))}</option>
            ))}
          </select>
          <button type="submit" class="secondary small">
            {t('deals.move.submit')}
          </button>
        </form>
      )}
      <MoveNeeds blocked={c.blocked} />
    </li>
  );
}
