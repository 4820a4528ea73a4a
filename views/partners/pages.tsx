// Partner teams: the list, one team's page with its deals and the give/get ledger, the edit form and partner people.
import type { FieldErrors, FormValues } from '../../src/domain.ts';
import { EmptyState, ErrorSummary, ToggleForm, VersionInput } from '../components.tsx';
import { fmtDate, HealthTags, StatusTag } from '../deals/parts.tsx';
import type { DealWithHealth } from '../deals/types.ts';
import { t } from '../i18n/index.ts';
import { LinkNotice } from '../members/pages.tsx';
import { Field, TextArea } from '../ui/field.tsx';
import { ListTable } from '../ui/list-table.tsx';

type Form = { values?: FormValues; errors?: FieldErrors };
type Partner = { id: number; name: string; lead: string; contact: string; services: string; notes: string; version: number };
type LedgerSide = { items: number; done: number; effort: number; effortDone: number };
type LedgerRow = { period: string; give: LedgerSide; get: LedgerSide };
type Verdict = 'balanced' | 'weGiveMore' | 'weGetMore' | 'unrated';
/** Average value ratings over the rated deals the ledger counts, and the newest closed deal on its own. */
type Balance = {
  ours: { give: number; get: number } | null;
  theirs: { give: number; get: number } | null;
  verdict: Verdict;
  rated: number;
  latest: { id: number; title: string; verdict: Verdict } | null;
};
const oneSided = (v: Verdict | undefined): v is 'weGiveMore' | 'weGetMore' => v === 'weGiveMore' || v === 'weGetMore';
export type PartnerSummary = Partner & { openDeals: number; totalDeals: number; balance: Balance };
export type PartnerPerson = { id: number; name: string; email: string; active: boolean; version: number; hasPassword: number };

export function PartnerForm(p: Form & { action: string; partner?: Partner; submit: string }) {
  return (
    <form method="post" action={p.action} class="stack card">
      <ErrorSummary errors={p.errors} />
      {p.partner && <VersionInput version={p.partner.version} />}
      <div class="row">
        <Field name="name" label={t('partners.field.name')} value={p.partner?.name} values={p.values} errors={p.errors} required />
        <Field name="lead" label={t('partners.field.lead')} value={p.partner?.lead} values={p.values} errors={p.errors} />
      </div>
      <Field name="contact" label={t('partners.field.contact')} value={p.partner?.contact} values={p.values} errors={p.errors} hint={t('partners.field.contactHint')} />
      <TextArea name="services" label={t('partners.field.services')} value={p.partner?.services} values={p.values} errors={p.errors} rows={2} />
      <TextArea name="notes" label={t('partners.field.notes')} value={p.partner?.notes} values={p.values} errors={p.errors} rows={3} />
      <button type="submit">{p.submit}</button>
    </form>
  );
}

const VERDICT_CLASS = { balanced: 'ok', weGiveMore: 'onesided', weGetMore: 'onesided', unrated: '' } as const;

export function BalanceTag(p: { balance: Balance }) {
  return (
    <>
      <span class={`tag ${VERDICT_CLASS[p.balance.verdict]}`}>{t(`partners.balance.${p.balance.verdict}`)}</span>
      {oneSided(p.balance.latest?.verdict) && <span class="tag onesided">{t('partners.balance.latestOneSided')}</span>}
    </>
  );
}

export function PartnersPage(p: Form & { partners: PartnerSummary[]; manager: boolean }) {
  return (
    <section>
      <h1>{t('partners.title')}</h1>
      <p class="muted">{t('partners.intro')}</p>
      {p.partners.length === 0 ? (
        <EmptyState>{t(p.manager ? 'partners.emptyManager' : 'partners.empty')}</EmptyState>
      ) : (
        <ListTable
          label={t('partners.title')}
          columns={[{ label: t('partners.field.name') }, { label: t('partners.field.lead') }, { label: t('partners.field.services') }, { label: t('partners.openDeals'), num: true }, { label: t('partners.balance.title') }]}
        >
          {p.partners.map((x) => (
            <tr>
              <th scope="row">
                <a href={`/partners/${x.id}`}>{x.name}</a>
              </th>
              <td>{x.lead || t('common.none')}</td>
              <td class="services">{x.services || t('common.none')}</td>
              <td class="num">
                {x.openDeals} <span class="muted">/ {x.totalDeals}</span>
              </td>
              <td>
                <BalanceTag balance={x.balance} />
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      {p.manager && (
        <>
          <h2 id="add">{t('partners.add')}</h2>
          <PartnerForm action="/partners" values={p.values} errors={p.errors} submit={t('partners.add')} />
        </>
      )}
    </section>
  );
}

export type PartnerPageProps = {
  partner: Partner;
  deals: DealWithHealth[];
  ledger: { rows: LedgerRow[]; total: LedgerRow };
  balance: Balance;
  people: PartnerPerson[];
  manager: boolean;
  invite?: Form;
  notice?: { text: string; url: string; sent?: string | null; signIn?: boolean };
  /** Passwords off (single sign-on only): the people's action sends the invitation again, no set-password link. */
  passwordsOff?: boolean;
};

export function PartnerPage(p: PartnerPageProps) {
  const x = p.partner;
  return (
    <article class="partner-page">
      <p class="crumbs">
        <a href="/partners">{t('partners.title')}</a> ›
      </p>
      <div class="page-head">
        <h1>{x.name}</h1>
        {p.manager && (
          <a class="button secondary" href={`/partners/${x.id}/edit`}>
            {t('common.edit')}
          </a>
        )}
      </div>
      {p.notice && <LinkNotice {...p.notice} />}
      <dl class="facts">
        <div>
          <dt>{t('partners.field.lead')}</dt>
          <dd>{x.lead || t('common.none')}</dd>
        </div>
        <div>
          <dt>{t('partners.field.contact')}</dt>
          <dd>{x.contact || t('common.none')}</dd>
        </div>
        <div class="wide-fact">
          <dt>{t('partners.field.services')}</dt>
          <dd class="prewrap">{x.services || t('common.none')}</dd>
        </div>
      </dl>
      {x.notes && <p class="prewrap partner-notes">{x.notes}</p>}

      <Ledger ledger={p.ledger} balance={p.balance} partnerName={x.name} />

      <section aria-labelledby="partner-deals">
        <h2 id="partner-deals">{t('partners.deals')}</h2>
        {p.deals.length === 0 ? (
          <EmptyState>
            {t('partners.noDeals')} <a href="/deals/new">{t('deals.propose')}</a>
          </EmptyState>
        ) : (
          <ListTable
            labelledBy="partner-deals"
            columns={[{ label: t('deals.field.title') }, { label: t('deals.field.status') }, { label: t('deals.field.health') }, { label: t('deals.field.owner') }, { label: t('deals.field.committedDate') }]}
          >
            {p.deals.map((d) => (
              <tr>
                <td>
                  <a href={`/deals/${d.id}`}>{d.title}</a>
                </td>
                <td>
                  <StatusTag status={d.status} />
                </td>
                <td>
                  <HealthTags health={d.health} status={d.status} who="team" />
                </td>
                <td>{d.ownerName}</td>
                <td>{fmtDate(d.committedDate)}</td>
              </tr>
            ))}
          </ListTable>
        )}
      </section>

      <People {...p} />
    </article>
  );
}

/** A horizontal bar of done (solid) within the total (light), scaled to `max`; the numbers are printed next to it. */
function Bar(p: { side: 'give' | 'get'; done: number; total: number; max: number }) {
  const W = 160;
  const scale = (n: number) => (p.max > 0 ? Math.round((n / p.max) * W) : 0);
  return (
    <svg class={`bar bar-${p.side}`} width={W} height={14} viewBox={`0 0 ${W} 14`} role="img" aria-label={t('partners.ledger.barLabel', { done: p.done, total: p.total })}>
      <rect class="bar-track" x={0} y={0} width={W} height={14} rx={3} />
      <rect class="bar-total" x={0} y={0} width={scale(p.total)} height={14} rx={3} />
      <rect class="bar-done" x={0} y={0} width={scale(p.done)} height={14} rx={3} />
    </svg>
  );
}

function SideCell(p: { side: 'give' | 'get'; s: LedgerSide; max: number }) {
  return (
    <td class="ledger-cell">
      <Bar side={p.side} done={p.s.done} total={p.s.items} max={p.max} />
      <span class="ledger-nums">
        {t('partners.ledger.items', { done: p.s.done, total: p.s.items })}
        {p.side === 'give' && p.s.effort > 0 && <span class="muted"> · {t('partners.ledger.effort', { done: p.s.effortDone, total: p.s.effort })}</span>}
      </span>
    </td>
  );
}

function Ledger(p: { ledger: PartnerPageProps['ledger']; balance: Balance; partnerName: string }) {
  const { rows, total } = p.ledger;
  const max = Math.max(1, ...rows.flatMap((r) => [r.give.items, r.get.items]));
  const b = p.balance;
  const pair = (v: { give: number; get: number } | null) => (v ? t('partners.ledger.pair', { give: v.give, get: v.get }) : t('deals.value.notRated'));
  return (
    <section class="card ledger" aria-labelledby="ledger-title">
      <h2 id="ledger-title">
        {t('partners.ledger.title')} <BalanceTag balance={b} />
      </h2>
      <p class="muted">{t('partners.ledger.intro')}</p>
      <div class="ledger-summary">
        <div class="ledger-total give">
          <h3>{t('partners.ledger.weGave')}</h3>
          <p class="big">{total.give.items}</p>
          <p>{t('partners.ledger.items', { done: total.give.done, total: total.give.items })}</p>
          <p class="muted">{t('partners.ledger.effort', { done: total.give.effortDone, total: total.give.effort })}</p>
        </div>
        <div class="ledger-total get">
          <h3>{t('partners.ledger.weGot')}</h3>
          <p class="big">{total.get.items}</p>
          <p>{t('partners.ledger.items', { done: total.get.done, total: total.get.items })}</p>
        </div>
        <div class="ledger-total values">
          <h3>{t('partners.ledger.values')}</h3>
          <p>
            {t('partners.ledger.ours')}: <strong>{pair(b.ours)}</strong>
          </p>
          <p>
            {t('partners.ledger.theirs', { partner: p.partnerName })}: <strong>{pair(b.theirs)}</strong>
          </p>
          {b.rated > 0 && <p class="muted">{t('partners.balance.basis', { rated: b.rated })}</p>}
          <p class="muted">{t(`partners.balance.${b.verdict}Text`)}</p>
          {b.latest && oneSided(b.latest.verdict) && <p class="latest-one-sided">{t(`partners.balance.latest.${b.latest.verdict}`, { title: b.latest.title })}</p>}
        </div>
      </div>
      {rows.length === 0 ? (
        <p class="empty">{t('partners.ledger.empty')}</p>
      ) : (
        <ListTable
          class="ledger-table"
          label={t('partners.ledger.caption')}
          caption={t('partners.ledger.caption')}
          columns={[{ label: t('partners.ledger.period') }, { label: t('partners.ledger.weGave') }, { label: t('partners.ledger.weGot') }]}
        >
          {rows.map((r) => (
            <tr>
              <th scope="row">{r.period}</th>
              <SideCell side="give" s={r.give} max={max} />
              <SideCell side="get" s={r.get} max={max} />
            </tr>
          ))}
        </ListTable>
      )}
      <p class="legend muted">
        <span class="swatch swatch-done" aria-hidden="true"></span> {t('partners.ledger.legendDone')} <span class="swatch swatch-open" aria-hidden="true"></span>{' '}
        {t('partners.ledger.legendOpen')}
      </p>
    </section>
  );
}

function People(p: PartnerPageProps) {
  return (
    <section aria-labelledby="partner-people">
      <h2 id="partner-people">{t('partners.people.title')}</h2>
      <p class="muted">{t('partners.people.intro')}</p>
      {p.people.length === 0 ? (
        <EmptyState>{t('partners.people.empty')}</EmptyState>
      ) : (
        <ListTable
          labelledBy="partner-people"
          columns={[{ label: t('common.name') }, { label: t('common.email') }, { label: t('partners.people.state') }, p.manager && { label: t('common.actions') }]}
        >
          {p.people.map((u) => (
            <tr class={u.active ? undefined : 'inactive'}>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>{t(!u.active ? 'partners.people.inactive' : u.hasPassword ? 'partners.people.active' : 'partners.people.pending')}</td>
              {p.manager && (
                <td class="actions">
                  <form method="post" action={`/partners/${p.partner.id}/people/${u.id}/link`}>
                    <button type="submit" class="link">
                      {t(p.passwordsOff ? 'invite.send' : 'members.newLink')}
                    </button>
                  </form>
                  <ToggleForm action={`/partners/${p.partner.id}/people/${u.id}/active`} version={u.version} name="active" to={!u.active} buttonClass="link" label={t(u.active ? 'members.deactivate' : 'members.reactivate')} />
                </td>
              )}
            </tr>
          ))}
        </ListTable>
      )}
      {p.manager && (
        <>
          <h3 id="invite">{t('partners.people.invite', { partner: p.partner.name })}</h3>
          <form method="post" action={`/partners/${p.partner.id}/people`} class="stack card narrow">
            <ErrorSummary errors={p.invite?.errors} />
            <div class="row">
              <Field name="name" label={t('common.name')} values={p.invite?.values} errors={p.invite?.errors} required />
              <Field name="email" type="email" label={t('common.email')} values={p.invite?.values} errors={p.invite?.errors} required />
            </div>
            <button type="submit">{t('partners.people.inviteSubmit')}</button>
          </form>
        </>
      )}
    </section>
  );
}
