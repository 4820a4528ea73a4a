// /work: the filtered item list with inline status changes, the research/service balance and the trap flags.
import type { Child } from 'hono/jsx';
import { WORK_KINDS, WORK_STATUSES, type CurrentUser } from '../../src/domain.ts';
import { EmptyState } from '../components.tsx';
import { formatDate, t } from '../i18n/index.ts';
import type { WorkFlag } from './flags.ts';
import { Pager, type Slice } from './pager.tsx';
import { DueDate, FlagList, KindTag, PriorityTag, Requirements, ShareBar, ShareLegend, StatusCell, type Share, type ShownItem } from './parts.tsx';

type Cycle = { id: number; name: string };

/** Rows per page of the items and of the members' shares (the route pages them). */
const PAGE = 50;

export type WorkFilterValues = { cycle: string; kind: string; status: string; area: string; owner: string };

export type Balance = {
  /** What the balance covers: a cycle's name, or all cycles. */
  scope: string;
  team: Share;
  /** One page of the people who own work in the scope, and how many members own none. */
  members: Array<{ memberId: number; name: string; share: Share }>;
  memberSlice: Slice;
  memberLinks: { prev: string; next: string };
  idle: number;
  cycles: Array<{ cycle: Cycle; share: Share }>;
};


function FilterForm(p: { values: WorkFilterValues; cycles: Cycle[]; areas: Array<{ id: number; name: string }>; people: Array<{ id: number; name: string }> }) {
  const select = (name: keyof WorkFilterValues, label: string, options: Array<{ value: string; label: string }>, blank: string) => (
    <div class="field">
      <label for={`wf-${name}`}>{label}</label>
      <select id={`wf-${name}`} name={name}>
        <option value="">{blank}</option>
        {options.map((o) => (
          <option value={o.value} selected={o.value === p.values[name]}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form method="get" action="/work" class="card wk-filters" role="search" aria-label={t('work.items.filters')}>
      {select('cycle', t('work.field.cycle'), [...p.cycles.map((c) => ({ value: String(c.id), label: c.name })), { value: 'none', label: t('work.cycle.none') }], t('work.filter.allCycles'))}
      {select('kind', t('work.field.kind'), WORK_KINDS.map((k) => ({ value: k, label: t(`work.kind.${k}`) })), t('work.filter.any'))}
      {select('status', t('work.field.status'), WORK_STATUSES.map((s) => ({ value: s, label: t(`work.status.${s}`) })), t('work.filter.any'))}
      {select('area', t('work.field.area'), p.areas.map((a) => ({ value: String(a.id), label: a.name })), t('work.filter.any'))}
      {select('owner', t('work.field.owner'), [...p.people.map((m) => ({ value: String(m.id), label: m.name })), { value: 'none', label: t('work.filter.unowned') }], t('work.filter.anyone'))}
      <div class="wk-filter-actions">
        <button type="submit">{t('common.filter')}</button>
        <a href="/work" class="button secondary">
          {t('common.reset')}
        </a>
      </div>
    </form>
  );
}

export function BalanceSection(p: { balance: Balance; showCycles?: boolean }) {
  const { balance } = p;
  return (
    <section class="card wk-balance" aria-labelledby="balance-title">
      <h2 id="balance-title">{t('work.balance.title', { scope: balance.scope })}</h2>
      <ShareLegend />
      <ShareBar share={balance.team} label={t('work.balance.team')} />
      {(balance.members.length > 0 || balance.idle > 0) && (
        <details class="wk-member-shares" open>
          <summary>{t('work.balance.perMember')}</summary>
          <ul class="plain wk-share-list">
            {balance.members.map((m) => (
              <li>
                <ShareBar share={m.share} label={m.name} />
              </li>
            ))}
          </ul>
          {balance.idle > 0 && <p class="muted">{t('work.balance.idle', { count: balance.idle })}</p>}
          <Pager slice={balance.memberSlice} prev={balance.memberLinks.prev} next={balance.memberLinks.next} label={t('work.plan.memberPages')} prevText={t('work.plan.prevMembers', { size: PAGE })} nextText={t('work.plan.nextMembers', { size: PAGE })} />
        </details>
      )}
      {p.showCycles && balance.cycles.length > 1 && (
        <details class="wk-cycle-shares">
          <summary>{t('work.balance.perCycle')}</summary>
          <ul class="plain wk-share-list">
            {balance.cycles.map((c) => (
              <li>
                <ShareBar share={c.share} label={c.cycle.name} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

export function FlagsSection(p: { flags: readonly WorkFlag[]; manager: boolean }) {
  return (
    <section class="card wk-flags-card" aria-labelledby="flags-title">
      <h2 id="flags-title">
        {t('work.flags.title')} <span class={`tag ${p.flags.length > 0 ? 'warn' : 'ok'}`}>{p.flags.length}</span>
      </h2>
      <p class="muted">{t('work.flags.intro')}</p>
      <FlagList flags={p.flags} manager={p.manager} />
    </section>
  );
}

/** An item's linked title with its kind and whatever else the list shows about it. */
function ItemTitle(p: { item: ShownItem; children?: Child }) {
  return (
    <>
      <a href={`/work/items/${p.item.id}`} class="wk-item-title">
        {p.item.title}
      </a>
      <div class="wk-item-meta">
        <KindTag kind={p.item.kind} />
        {p.children}
      </div>
    </>
  );
}

/** One item row; the status cell is the part htmx swaps. */
export function ItemRow(p: { item: ShownItem; areaNames: Record<number, string>; cycles: Map<number, string> | null; back: string; flagged: boolean }) {
  const { item } = p;
  return (
    <tr>
      <td>
        <ItemTitle item={item}>
          <PriorityTag priority={item.priority} />
          {p.flagged && <span class="tag warn">{t('work.flags.flagged')}</span>}
          {item.feeds && <span class="muted wk-feeds">{t('work.items.feeds', { feeds: item.feeds })}</span>}
          {p.cycles && item.cycleId !== null && <span class="muted">{p.cycles.get(item.cycleId)}</span>}
        </ItemTitle>
      </td>
      <td class="num" data-label={t('work.field.effortShort')}>
        {item.effort}
      </td>
      <td class="wk-nowrap" data-label={t('work.field.dueDate')}>
        <DueDate item={item} />
      </td>
      <td data-label={t('work.field.requirements')}>
        <Requirements requirements={item.requirements} areaNames={p.areaNames} />
      </td>
      <td data-label={t('work.field.owner')}>
        {item.ownerName ?? <span class="muted">{t('work.items.unowned')}</span>}
        {item.buddyName && <div class="muted">{t('work.items.buddy', { name: item.buddyName })}</div>}
      </td>
      <StatusCell item={item} moves={item.moves} back={p.back} />
    </tr>
  );
}

export function ItemsTable(p: { items: ShownItem[]; areaNames: Record<number, string>; cycles: Cycle[] | null; back: string; flagged: Set<number>; labelledBy: string }) {
  /** Each row names its cycle only when the list spans cycles. */
  const cycles = p.cycles ? new Map(p.cycles.map((c) => [c.id, c.name])) : null;
  return (
    <div class="table-wrap" role="region" tabindex={0} aria-labelledby={p.labelledBy}>
      <table class="list wk-work-items" aria-labelledby={p.labelledBy}>
        <thead>
          <tr>
            <th scope="col">{t('work.field.title')}</th>
            <th scope="col" class="num">
              {t('work.field.effortShort')}
            </th>
            <th scope="col">{t('work.field.dueDate')}</th>
            <th scope="col">{t('work.field.requirements')}</th>
            <th scope="col">{t('work.field.owner')}</th>
            <th scope="col">{t('work.field.status')}</th>
          </tr>
        </thead>
        <tbody>
          {p.items.map((item) => (
            <ItemRow item={item} areaNames={p.areaNames} cycles={cycles} back={p.back} flagged={p.flagged.has(item.id)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A narrow list for the dashboard: what the item is, and its status with the moves (the same swapped cell). */
export function CompactItems(p: { items: ShownItem[]; userId: number; back: string; labelledBy: string }) {
  return (
    <table class="list wk-compact-items" aria-labelledby={p.labelledBy}>
      <tbody>
        {p.items.map((item) => (
          <tr>
            <td>
              <ItemTitle item={item}>
                <span class="muted">{t('work.plan.points', { points: item.effort })}</span>
                {item.dueDate && (item.late ? <DueDate item={item} /> : <span class="muted">{t('work.dash.due', { date: formatDate(Date.parse(item.dueDate)) })}</span>)}
                {item.ownerId !== p.userId && item.ownerName && <span class="muted">{t('work.dash.buddyOf', { name: item.ownerName })}</span>}
              </ItemTitle>
            </td>
            <StatusCell item={item} moves={item.moves} back={p.back} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function WorkPage(p: {
  user: CurrentUser;
  values: WorkFilterValues;
  cycles: Cycle[];
  areas: Array<{ id: number; name: string }>;
  people: Array<{ id: number; name: string }>;
  /** One page of the filtered items. */
  items: ShownItem[];
  slice: Slice;
  links: { prev: string; next: string };
  areaNames: Record<number, string>;
  balance: Balance;
  flags: readonly WorkFlag[];
  back: string;
  planCycleId: number | null;
}) {
  const manager = p.user.role === 'manager';
  const flagged = new Set(p.flags.map((f) => f.itemId));
  return (
    <section class="wk-work">
      <div class="wk-page-head">
        <h1>{t('work.title')}</h1>
        <p class="wk-head-actions">
          {manager && (
            <>
              <a class="button" href="/work/new">
                {t('work.items.new')}
              </a>
              <a class="button secondary" href={p.planCycleId ? `/work/plan?cycle=${p.planCycleId}` : '/work/plan'}>
                {t('work.plan.open')}
              </a>
            </>
          )}
          <a class="button secondary" href="/work/cycles">
            {t('work.cycle.title')}
          </a>
        </p>
      </div>
      <FilterForm values={p.values} cycles={p.cycles} areas={p.areas} people={p.people} />
      <div class="grid2 wk-work-overview">
        <BalanceSection balance={p.balance} showCycles />
        <FlagsSection flags={p.flags} manager={manager} />
      </div>
      <h2 id="items">{t('work.items.title', { count: p.slice.total })}</h2>
      {p.items.length === 0 ? (
        <EmptyState>{manager ? t('work.items.emptyManager') : t('work.items.empty')}</EmptyState>
      ) : (
        <>
          {p.slice.pages > 1 && <p class="muted">{t('work.plan.range', { from: p.slice.from, to: p.slice.to, count: p.slice.total })}</p>}
          <ItemsTable items={p.items} areaNames={p.areaNames} cycles={p.values.cycle === '' ? p.cycles : null} back={p.back} flagged={flagged} labelledBy="items" />
          <Pager slice={p.slice} prev={p.links.prev} next={p.links.next} label={t('work.plan.pages')} prevText={t('work.plan.prevPage', { size: PAGE })} nextText={t('work.plan.nextPage', { size: PAGE })} />
        </>
      )}
    </section>
  );
}
