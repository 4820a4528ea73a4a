// Small pieces of the deal pages: status and health tags, dates, the value balance and the attention list.
import type { DealHealth, DealSide, DealStatus, HealthFlag, HealthReason, Perspective } from '../../src/domain.ts';
import { formatDate, formatDay, t } from '../i18n/index.ts';
import { describeReason } from './health.ts';

export const fmtDate = (d: string | null) => (d ? formatDate(Date.parse(`${d}T00:00:00Z`)) : t('common.none'));

const FLAG_CLASS: Record<HealthFlag, string> = { late: 'bad', at_risk: 'warn', one_sided: 'onesided' };

export function StatusTag(p: { status: DealStatus }) {
  return <span class={`status status-${p.status}`}>{t(`deals.status.${p.status}`)}</span>;
}

/** Health as coloured tags with words (never colour alone); `titled` adds the reasons as tooltips. */
export function HealthTags(p: { health: DealHealth; status: DealStatus; who: Perspective }) {
  if (p.status === 'dropped' || p.status === 'closed') {
    return p.health.flags.length === 0 ? null : <HealthFlags health={p.health} who={p.who} />;
  }
  return p.health.onTrack ? <span class="tag ok">{t('deals.health.on_track')}</span> : <HealthFlags health={p.health} who={p.who} />;
}

function HealthFlags(p: { health: DealHealth; who: Perspective }) {
  return (
    <>
      {p.health.flags.map((f) => (
        <span class={`tag ${FLAG_CLASS[f]}`} title={p.health.reasons.filter((r) => r.flag === f).map((r) => describeReason(r, t, fmtDate, p.who)).join('\n')}>
          {t(`deals.health.${f}`)}
        </span>
      ))}
    </>
  );
}

/** The reasons behind the health, one line each. */
export function HealthReasons(p: { health: DealHealth; status: DealStatus; who: Perspective }) {
  if (p.health.onTrack) return <p class="muted">{t(p.status === 'dropped' || p.status === 'closed' ? 'deals.health.finished' : 'deals.health.onTrackText')}</p>;
  return (
    <ul class="reasons">
      {p.health.reasons.map((r) => (
        <li class={`reason reason-${r.flag}`}>
          <span class={`tag ${FLAG_CLASS[r.flag]}`}>{t(`deals.health.${r.flag}`)}</span> {describeReason(r, t, fmtDate, p.who)}
        </li>
      ))}
    </ul>
  );
}

/** A move the flow allows this viewer but the deal is not ready for, and what it lacks. */
export type BlockedMove = { to: DealStatus; need: { code: 'emptyItems'; empty: DealSide[] } | { code: 'openItems'; open: string[] } };

function needText(b: BlockedMove): string {
  if (b.need.code === 'openItems') {
    const open = b.need.open;
    return t(open.length === 1 ? 'deals.move.needs.openItems.one' : 'deals.move.needs.openItems.other', { count: open.length, items: open.join(', ') });
  }
  return t(`deals.move.needs.emptyItems.${b.need.empty.length === 2 ? 'both' : b.need.empty[0]}`);
}

/** Instead of a move that would be refused: what is still missing, said where the move would be. */
export function MoveNeeds(p: { blocked: BlockedMove[] }) {
  if (p.blocked.length === 0) return null;
  return (
    <>
      {p.blocked.map((b) => (
        <p class="move-needs muted">{needText(b)}</p>
      ))}
    </>
  );
}

/** "Our owner" to the team; to a partner, the owner in the team. */
export const ownerLabel = (who: Perspective) => t(who === 'partner' ? 'deals.fieldForPartner.owner' : 'deals.field.owner');

/** Item list heading from the viewer's side: our "give" is the partner's "get". */
export const sideHeading = (side: 'give' | 'get', who: Perspective) => t(`deals.heading.${who}.${side}`);

/** One rating pair as two small bars (value 1–5) with the numbers printed. */
export function ValuePair(p: { label: string; give: number | null; get: number | null; who: Perspective }) {
  if (p.give === null || p.get === null) {
    return (
      <div class="value-pair">
        <h4>{p.label}</h4>
        <p class="muted">{t('deals.value.notRated')}</p>
      </div>
    );
  }
  return (
    <div class="value-pair">
      <h4>{p.label}</h4>
      {(['give', 'get'] as const).map((side) => {
        const v = side === 'give' ? p.give! : p.get!;
        return (
          <div class="value-row">
            <span class="value-label">{sideHeading(side, p.who)}</span>
            <meter min={1} max={5} value={v} aria-label={`${sideHeading(side, p.who)}: ${v} / 5`}></meter>
            <span class="num">{v}/5</span>
          </div>
        );
      })}
    </div>
  );
}

export type AttentionWhy =
  | { code: 'notAccepted'; status: DealStatus }
  | { code: 'acceptedBy'; name: string; at: number }
  | { code: 'since'; status: DealStatus; at: number }
  | { code: 'health'; reason: HealthReason };
export type Attention = Array<{ key: 'review' | 'acceptance' | HealthFlag; entries: Array<{ deal: { id: number; title: string; partnerName: string }; why: AttentionWhy }> }>;

function whyText(w: AttentionWhy, who: Perspective): string {
  switch (w.code) {
    case 'notAccepted':
      return t('deals.attention.notAccepted', { status: t(`deals.status.${w.status}`) });
    case 'acceptedBy':
      return t('deals.attention.acceptedBy', { name: w.name, date: formatDay(w.at) });
    case 'since':
      return t('deals.attention.since', { status: t(`deals.status.${w.status}`), date: formatDate(w.at) });
    case 'health':
      return describeReason(w.reason, t, fmtDate, who);
  }
}

/** Deals needing attention, grouped (waiting for review, late, at risk, one-sided); empty groups are left out. */
export function AttentionList(p: { attention: Attention; who: Perspective; limit?: number }) {
  const groups = p.attention.filter((g) => g.entries.length > 0);
  if (groups.length === 0) return <p class="empty">{t('deals.attention.none')}</p>;
  return (
    <div class="attention">
      {groups.map((g) => (
        <section class={`attention-group attention-${g.key}`} aria-labelledby={`attention-${g.key}`}>
          <h3 id={`attention-${g.key}`}>
            {t(`deals.attention.${g.key}`)} <span class="count">{g.entries.length}</span>
          </h3>
          <ul>
            {g.entries.slice(0, p.limit ?? g.entries.length).map((e) => (
              <li>
                <a href={`/deals/${e.deal.id}`}>{e.deal.title}</a> <span class="muted">· {e.deal.partnerName}</span>
                <br />
                <small>{whyText(e.why, p.who)}</small>
              </li>
            ))}
          </ul>
          {p.limit !== undefined && g.entries.length > p.limit && (
            <p>
              <a href="/deals">{t('deals.attention.more', { count: g.entries.length - p.limit })}</a>
            </p>
          )}
        </section>
      ))}
    </div>
  );
}
