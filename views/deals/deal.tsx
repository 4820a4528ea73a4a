// One deal: details, the give/get items, health with reasons, the value balance, the previous version and the timeline.
import type { DealSide, DealStatus, FieldErrors, FormValues, Perspective } from '../../src/domain.ts';
import { ErrorSummary, ToggleForm, VersionInput } from '../components.tsx';
import { formatDate, formatDateTime, keyFor, t } from '../i18n/index.ts';
import { Select, TextArea } from '../ui/field.tsx';
import { fmtDate, HealthReasons, HealthTags, MoveNeeds, ownerLabel, sideHeading, StatusTag, ValuePair, type BlockedMove } from './parts.tsx';
import { viewerSide } from './sides.ts';
import type { ChangeView, DealEventView, DealItemView, DealWithHealth } from './types.ts';

type Form = { values?: FormValues; errors?: FieldErrors };

/** What this viewer may do with the deal, decided once by the route. */
export type DealPageRights = {
  moves: DealStatus[];
  /** Moves offered once the deal has what they need (shown as what is missing instead of a button). */
  blocked: BlockedMove[];
  /** Where "change" leads: an in-place edit (team, before agreement) or a counter-proposal. */
  change: 'edit' | 'counter' | null;
  canAccept: boolean;
  canRate: boolean;
  /** Items the viewer may tick done or reopen. */
  tickable: Set<number>;
};

export type DealPageProps = {
  deal: DealWithHealth;
  who: Perspective;
  rights: DealPageRights;
  timeline: DealEventView[];
  previous: { byName: string; at: number; changes: ChangeView[] } | null;
  comment?: Form;
  rating?: Form;
};

export function DealPage(p: DealPageProps) {
  const d = p.deal;
  return (
    <article class="deal-page">
      <header class="deal-head">
        <p class="crumbs">
          <a href="/deals">{t('deals.title')}</a> ›
        </p>
        <h1>{d.title}</h1>
        <p class="tags">
          <StatusTag status={d.status} />
          <HealthTags health={d.health} status={d.status} who={p.who} />
          {d.acceptedAt && <span class="tag accepted">{t('deals.acceptedBy', { name: d.acceptedByName ?? '', date: formatDate(d.acceptedAt) })}</span>}
        </p>
        <dl class="facts">
          <div>
            <dt>{t('deals.field.partner')}</dt>
            <dd>{p.who === 'team' ? <a href={`/partners/${d.partnerId}`}>{d.partnerName}</a> : d.partnerName}</dd>
          </div>
          <div>
            <dt>{ownerLabel(p.who)}</dt>
            <dd>{d.ownerName}</dd>
          </div>
          <div>
            <dt>{t('deals.field.neededBy')}</dt>
            <dd>{fmtDate(d.neededBy)}</dd>
          </div>
          <div>
            <dt>{t('deals.field.committedDate')}</dt>
            <dd>{fmtDate(d.committedDate)}</dd>
          </div>
          <div>
            <dt>{t('deals.field.created')}</dt>
            <dd>{formatDate(d.createdAt)}</dd>
          </div>
        </dl>
        <DealActions {...p} />
      </header>

      {d.summary && <p class="deal-summary">{d.summary}</p>}

      <div class="grid2 items">
        {(['give', 'get'] as const).map((side) => (
          <ItemList side={side} items={d.items.filter((i) => i.side === side)} who={p.who} tickable={p.rights.tickable} dealId={d.id} version={d.version} />
        ))}
      </div>

      <div class="grid2">
        <section class="card" aria-labelledby="health-title">
          <h2 id="health-title">{t('deals.health.title')}</h2>
          <HealthReasons health={d.health} status={d.status} who={p.who} />
        </section>
        <ValueSection {...p} />
      </div>

      {p.previous && <PreviousVersion previous={p.previous} who={p.who} />}

      <section class="timeline-section" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('deals.timeline.title')}</h2>
        <form method="post" action={`/deals/${d.id}/comments`} class="stack card comment-form">
          <ErrorSummary errors={p.comment?.errors} />
          <TextArea name="body" label={t('deals.comment.label')} values={p.comment?.values} errors={p.comment?.errors} rows={3} />
          <button type="submit">{t('deals.comment.submit')}</button>
        </form>
        <Timeline events={p.timeline} who={p.who} />
      </section>
    </article>
  );
}

function DealActions(p: DealPageProps) {
  const d = p.deal;
  const r = p.rights;
  if (!r.change && r.moves.length === 0 && r.blocked.length === 0 && !r.canAccept) return null;
  return (
    <div class="deal-actions">
      {r.change && (
        <a class="button secondary" href={`/deals/${d.id}/edit`}>
          {t(r.change === 'edit' ? 'deals.action.edit' : 'deals.action.counter')}
        </a>
      )}
      {r.canAccept && (
        <form method="post" action={`/deals/${d.id}/accept`}>
          <VersionInput version={d.version} />
          <button type="submit">{t('deals.action.accept')}</button>
        </form>
      )}
      {r.moves.map((to) => (
        <form method="post" action={`/deals/${d.id}/status`}>
          <VersionInput version={d.version} />
          <input type="hidden" name="to" value={to} />
          <input type="hidden" name="back" value={`/deals/${d.id}`} />
          <button type="submit" class={to === 'dropped' ? 'danger' : to === 'agreed' ? undefined : 'secondary'}>
            {t(keyFor('deals.move.button.', to))}
          </button>
        </form>
      ))}
      <MoveNeeds blocked={r.blocked} />
    </div>
  );
}

function ItemList(p: { side: DealSide; items: DealItemView[]; who: Perspective; tickable: Set<number>; dealId: number; version: number }) {
  const effort = p.items.reduce((s, i) => s + i.effort, 0);
  return (
    <section class={`card item-list side-${p.side}`} aria-labelledby={`items-${p.side}`}>
      <h2 id={`items-${p.side}`}>
        {sideHeading(p.side, p.who)} <span class="count">{p.items.length}</span>
        {p.side === 'give' && effort > 0 && <span class="muted heading-note">{t('deals.points', { points: effort })}</span>}
      </h2>
      {p.items.length === 0 ? (
        <p class="empty">{t(`deals.items.empty.${viewerSide(p.side, p.who)}`)}</p>
      ) : (
        <ul class="items">
          {p.items.map((i) => (
            <li class={i.done ? 'item done' : 'item'}>
              <div class="item-main">
                <span class={i.done ? 'tag ok' : 'tag'}>{t(i.done ? 'deals.item.done' : 'deals.item.open')}</span> <span class="item-desc">{i.description}</span>
              </div>
              <p class="item-meta muted">
                {i.dueDate && <span>{t('deals.dueOn', { date: fmtDate(i.dueDate) })}</span>}
                {i.areaName && <span>{i.areaName}</span>}
                {i.side === 'give' && i.effort > 0 && <span>{t('deals.points', { points: i.effort })}</span>}
                {i.members.length > 0 && <span>{t('deals.item.committed', { names: i.members.map((m) => m.name).join(', ') })}</span>}
              </p>
              {p.tickable.has(i.id) && (
                <ToggleForm action={`/deals/${p.dealId}/items/${i.id}/done`} class="tick" version={p.version} name="done" to={!i.done} buttonClass="secondary small" label={t(i.done ? 'deals.item.reopen' : 'deals.item.markDone')} />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const ratingOptions = () => [1, 2, 3, 4, 5].map((v) => ({ value: v, label: t('deals.value.option', { value: v }) }));

function ValueSection(p: DealPageProps) {
  const d = p.deal;
  const mine = p.who === 'team' ? [d.ourGiveValue, d.ourGetValue] : [d.partnerGiveValue, d.partnerGetValue];
  return (
    <section class="card" aria-labelledby="value-title">
      <h2 id="value-title">{t('deals.value.title')}</h2>
      <p class="muted">{t('deals.value.intro')}</p>
      <div class="value-pairs">
        <ValuePair label={t(`deals.value.ours.${p.who}`)} give={d.ourGiveValue} get={d.ourGetValue} who={p.who} />
        <ValuePair label={t(`deals.value.theirs.${p.who}`, { partner: d.partnerName })} give={d.partnerGiveValue} get={d.partnerGetValue} who={p.who} />
      </div>
      {p.rights.canRate && (
        <details open={Boolean(p.rating?.errors)}>
          <summary>{t(p.who === 'team' ? 'deals.value.rateTeam' : 'deals.value.ratePartner')}</summary>
          <form method="post" action={`/deals/${d.id}/ratings`} class="stack">
            <ErrorSummary errors={p.rating?.errors} />
            <VersionInput version={d.version} />
            <div class="row">
              <Select name="give" label={sideHeading('give', p.who)} value={mine[0]} values={p.rating?.values} errors={p.rating?.errors} blank={t('deals.value.pick')} options={ratingOptions()} />
              <Select name="get" label={sideHeading('get', p.who)} value={mine[1]} values={p.rating?.values} errors={p.rating?.errors} blank={t('deals.value.pick')} options={ratingOptions()} />
            </div>
            <button type="submit">{t('deals.value.save')}</button>
          </form>
        </details>
      )}
    </section>
  );
}

function PreviousVersion(p: { previous: NonNullable<DealPageProps['previous']>; who: Perspective }) {
  return (
    <section class="card previous" aria-labelledby="previous-title">
      <h2 id="previous-title">{t('deals.previous.title')}</h2>
      <p class="muted">{t('deals.previous.intro', { name: p.previous.byName, date: formatDateTime(p.previous.at) })}</p>
      {p.previous.changes.length === 0 ? (
        <p>{t('deals.previous.same')}</p>
      ) : (
        <ul class="changes">
          {p.previous.changes.map((c) => (
            <li>
              <ChangeText change={c} who={p.who} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const showValue = (field: string | null | undefined, v: string | null) =>
  v === null ? t('common.none') : field === 'neededBy' || field === 'committedDate' || field === 'dueDate' ? fmtDate(v) : v;

/** One change as words: "Due date of give “…”: 1 Dec → 15 Dec". */
function ChangeText(p: { change: ChangeView; who: Perspective }) {
  const c = p.change;
  const kind = (side: DealSide) => t(`deals.itemKind.${viewerSide(side, p.who)}`);
  if (c.kind !== 'field') return <>{t(`deals.change.${c.kind}`, { side: kind(c.side), item: c.subject })}</>;
  const field = t(keyFor('deals.fieldName.', c.field));
  const what = c.side ? t('deals.change.itemField', { field, side: kind(c.side), item: c.subject ?? '' }) : field;
  return (
    <>
      <strong>{what}</strong>: <del>{showValue(c.field, c.oldValue)}</del> → <ins>{showValue(c.field, c.newValue)}</ins>
    </>
  );
}

function Timeline(p: { events: DealEventView[]; who: Perspective }) {
  if (p.events.length === 0) return <p class="empty">{t('deals.timeline.empty')}</p>;
  return (
    <ol class="timeline">
      {p.events.map((e) => (
        <li class={`event event-${e.kind}`}>
          <p class="event-head">
            <strong>{e.actorName}</strong> <EventText event={e} who={p.who} /> <time class="muted" datetime={new Date(e.at).toISOString()}>{formatDateTime(e.at)}</time>
          </p>
          {e.body && <p class="event-body">{e.body}</p>}
        </li>
      ))}
    </ol>
  );
}

function EventText(p: { event: DealEventView; who: Perspective }) {
  const e = p.event;
  switch (e.kind) {
    case 'field':
    case 'item_added':
    case 'item_removed':
      return (
        <span>
          {e.kind === 'field' && `${t('deals.event.field')} `}
          <ChangeText change={{ kind: e.kind, field: e.field ?? '', side: e.side ?? undefined, subject: e.subject ?? '', oldValue: e.oldValue, newValue: e.newValue } as ChangeView} who={p.who} />
        </span>
      );
    case 'status':
      return <span>{t('deals.event.status', { from: t(keyFor('deals.status.', e.oldValue)), to: t(keyFor('deals.status.', e.newValue)) })}</span>;
    case 'rating':
      return <span>{t('deals.event.rating', { field: t(p.who === 'partner' ? keyFor('deals.ratingForPartner.', e.field) : keyFor('deals.rating.', e.field)), old: e.oldValue ?? t('common.none'), new: e.newValue ?? '' })}</span>;
    case 'item_done':
    case 'item_reopened':
      return <span>{t(`deals.event.${e.kind}`, { side: t(`deals.itemKind.${viewerSide(e.side ?? 'give', p.who)}`), item: e.subject ?? '' })}</span>;
    default:
      return <span>{t(`deals.event.${e.kind}`)}</span>;
  }
}
