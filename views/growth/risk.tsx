// Key-person risk: the ranked team with what breaks in words, one person's full what-if, and the short summary on a member's card.
import { EmptyState } from '../components.tsx';
import { keyFor, t } from '../i18n/index.ts';
import { ListTable } from '../ui/list-table.tsx';
import { GrowthNav } from './nav.tsx';

type Risk = 'blocker' | 'single' | 'thin' | 'ok';

/** What breaks without a person, by name: the areas by the risk they fall to, the items nobody else can own, the commitments left without a member. */
export type BreaksView = {
  blocker: string[];
  single: string[];
  thin: string[];
  items: Array<{ id: number; title: string }>;
  commitments: Array<{ dealId: number; dealTitle: string; description: string }>;
};

/** Names shown in a sentence before "and N more". */
const LISTED = 3;

function listed(names: string[]): string {
  if (names.length <= LISTED) return names.join(', ');
  return t('growth.risk.more', { list: names.slice(0, LISTED).join(', '), count: names.length - LISTED });
}

/** The reasons as sentences, in the order they rank (blockers, single points of failure, items, commitments, thin areas). */
export function breakSentences(b: BreaksView): string[] {
  const out: string[] = [];
  const areas = (risk: 'blocker' | 'single' | 'thin', names: string[]) => names.length > 0 && out.push(t(keyFor('growth.risk.reason.', risk), { count: names.length, areas: listed(names) }));
  areas('blocker', b.blocker);
  areas('single', b.single);
  if (b.items.length) out.push(t('growth.risk.reason.items', { count: b.items.length, items: listed(b.items.map((i) => i.title)) }));
  if (b.commitments.length) out.push(t('growth.risk.reason.commitments', { count: b.commitments.length, deals: listed(b.commitments.map((c) => `${c.dealTitle} (${c.description})`)) }));
  areas('thin', b.thin);
  return out;
}

const whatIfHref = (id: number) => `/growth/risk/${id}`;

export type RankedRow = { id: number; name: string; breaks: BreaksView };

export type RiskPageProps = {
  q: string;
  /** Members whose name matches the search (only when there is one), each with what breaks without them (null = nothing). */
  matches: Array<{ id: number; name: string; breaks: BreaksView | null }> | null;
  rows: RankedRow[];
  slice: { page: number; pages: number; from: number; to: number; total: number; size: number };
  links: { prev: string; next: string };
};

export function RiskPage(p: RiskPageProps) {
  return (
    <section class="growth-risk">
      <GrowthNav current="risk" />
      <h1>{t('growth.risk.title')}</h1>
      <p class="muted">{t('growth.risk.intro')}</p>
      <form method="get" action="/growth/risk" class="risk-pick card" role="search">
        <label for="risk-q">{t('growth.risk.pickLabel')}</label>
        <input id="risk-q" type="search" name="q" value={p.q} autocomplete="off" maxlength={100} />
        <button type="submit" class="secondary">
          {t('growth.risk.pickSubmit')}
        </button>
      </form>
      {p.matches && (
        <section aria-labelledby="risk-matches">
          <h2 id="risk-matches">{t('growth.risk.matches', { q: p.q })}</h2>
          {p.matches.length === 0 ? (
            <EmptyState>{t('growth.risk.noMatch', { q: p.q })}</EmptyState>
          ) : (
            <ul class="risk-people">
              {p.matches.map((m) => (
                <li>
                  <a href={whatIfHref(m.id)}>{m.name}</a>: <Reasons breaks={m.breaks} />
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <h2 id="risk-ranked">{t('growth.risk.ranked')}</h2>
      {p.rows.length === 0 ? (
        <EmptyState>{t('growth.risk.empty')}</EmptyState>
      ) : (
        <ol class="risk-ranked" start={p.slice.from} aria-labelledby="risk-ranked">
          {p.rows.map((r) => (
            <li>
              <a href={whatIfHref(r.id)} class="risk-name">
                {r.name}
              </a>
              <ul class="risk-list">
                {breakSentences(r.breaks).map((s) => (
                  <li>{s}</li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
      <Pager slice={p.slice} links={p.links} />
    </section>
  );
}

function Reasons(p: { breaks: BreaksView | null }) {
  const sentences = p.breaks ? breakSentences(p.breaks) : [];
  if (sentences.length === 0) return <span class="muted">{t('growth.risk.nothing')}</span>;
  return <span class="risk-reasons">{sentences.join('; ')}</span>;
}

function Pager(p: Pick<RiskPageProps, 'slice' | 'links'>) {
  const { page, pages, from, to, total, size } = p.slice;
  if (pages <= 1) return null;
  return (
    <nav class="mx-pager" aria-label={t('growth.risk.pages')}>
      {page > 1 ? <a rel="prev" href={p.links.prev}>{t('growth.risk.prev', { size })}</a> : <span class="muted">{t('growth.risk.prev', { size })}</span>}
      <span>
        {t('growth.risk.range', { from, to, count: total })} · {t('matrix.pageOf', { page, pages })}
      </span>
      {page < pages ? <a rel="next" href={p.links.next}>{t('growth.risk.next', { size })}</a> : <span class="muted">{t('growth.risk.next', { size })}</span>}
    </nav>
  );
}

export type WhatIfView = {
  person: { id: number; name: string };
  areas: Array<{ id: number; name: string; minExperts: number; before: Risk; after: Risk; expertsBefore: number; expertsAfter: number }>;
  stillCovered: string[];
  items: Array<{ id: number; title: string; status: string; owned: boolean; qualified: boolean }>;
  commitments: Array<{ dealId: number; dealTitle: string; description: string; others: number }>;
  breaks: BreaksView;
};

const RISK_TAG: Record<Risk, string> = { blocker: 'bad', single: 'warn', thin: 'warn', ok: 'ok' };

function RiskTag(p: { risk: Risk; min: number }) {
  return <span class={`tag ${RISK_TAG[p.risk]}`}>{t(keyFor('matrix.risk.', p.risk), { min: p.min })}</span>;
}

const itemWhy = (i: WhatIfView['items'][number]) => t(i.qualified ? (i.owned ? 'growth.whatIf.itemOnlyOwned' : 'growth.whatIf.itemOnly') : 'growth.whatIf.itemOwnedNobody');

export function WhatIfPage(p: WhatIfView) {
  const sentences = breakSentences(p.breaks);
  return (
    <section class="growth-risk">
      <GrowthNav current="risk" />
      <h1>{t('growth.whatIf.title', { name: p.person.name })}</h1>
      <p>
        <a href="/growth/risk">{t('growth.whatIf.back')}</a> · <a href={`/members/${p.person.id}`}>{t('growth.whatIf.card', { name: p.person.name })}</a>
      </p>
      <div class="card">
        <h2>{t('growth.whatIf.summary')}</h2>
        {sentences.length === 0 ? <p>{t('growth.whatIf.nothing', { name: p.person.name })}</p> : <ul class="risk-list">{sentences.map((s) => <li>{s}</li>)}</ul>}
      </div>
      <h2 id="whatif-areas">{t('growth.whatIf.areas')}</h2>
      {p.areas.length === 0 ? (
        <p class="muted">{t('growth.whatIf.noAreas')}</p>
      ) : (
        <ListTable labelledBy="whatif-areas" columns={[{ label: t('growth.whatIf.colArea') }, { label: t('growth.whatIf.colRisk') }, { label: t('growth.whatIf.colExperts'), num: true }]}>
          {p.areas.map((a) => (
            <tr>
              <th scope="row">
                <a href={`/matrix?sort=${a.id}`}>{a.name}</a>
              </th>
              <td>
                <RiskTag risk={a.before} min={a.minExperts} /> → <RiskTag risk={a.after} min={a.minExperts} />
              </td>
              <td class="num">{t('growth.whatIf.expertsChange', { before: a.expertsBefore, after: a.expertsAfter })}</td>
            </tr>
          ))}
        </ListTable>
      )}
      {p.stillCovered.length > 0 && <p class="muted">{t('growth.whatIf.stillCovered', { areas: p.stillCovered.join(', ') })}</p>}
      <h2 id="whatif-items">{t('growth.whatIf.items')}</h2>
      {p.items.length === 0 ? (
        <p class="muted">{t('growth.whatIf.noItems')}</p>
      ) : (
        <ListTable labelledBy="whatif-items" columns={[{ label: t('growth.whatIf.colItem') }, { label: t('growth.whatIf.colStatus') }, { label: t('growth.whatIf.colWhy') }]}>
          {p.items.map((i) => (
            <tr>
              <th scope="row">
                <a href={`/work/items/${i.id}`}>{i.title}</a>
              </th>
              <td>{t(keyFor('work.status.', i.status))}</td>
              <td>{itemWhy(i)}</td>
            </tr>
          ))}
        </ListTable>
      )}
      <h2 id="whatif-deals">{t('growth.whatIf.commitments')}</h2>
      {p.commitments.length === 0 ? (
        <p class="muted">{t('growth.whatIf.noCommitments')}</p>
      ) : (
        <ListTable labelledBy="whatif-deals" columns={[{ label: t('growth.whatIf.colDeal') }, { label: t('growth.whatIf.colGive') }, { label: t('growth.whatIf.colOthers') }]}>
          {p.commitments.map((c) => (
            <tr>
              <th scope="row">
                <a href={`/deals/${c.dealId}`}>{c.dealTitle}</a>
              </th>
              <td>{c.description}</td>
              <td>{c.others === 0 ? <span class="tag bad">{t('growth.whatIf.alone')}</span> : t('growth.whatIf.shared', { count: c.others })}</td>
            </tr>
          ))}
        </ListTable>
      )}
    </section>
  );
}

/** A deactivated member's what-if: they have already left. */
export function AlreadyLeft(p: { person: { id: number; name: string } }) {
  return (
    <section class="growth-risk">
      <GrowthNav current="risk" />
      <h1>{t('growth.whatIf.title', { name: p.person.name })}</h1>
      <p class="empty">{t('growth.whatIf.inactive', { name: p.person.name })}</p>
      <p>
        <a href="/growth/risk">{t('growth.whatIf.back')}</a> · <a href={`/members/${p.person.id}`}>{t('growth.whatIf.card', { name: p.person.name })}</a>
      </p>
    </section>
  );
}

/** The card's section (managers only): what breaks in a few sentences and the way to the full what-if. */
export function WhatIfSummary(p: { person: { id: number; name: string }; breaks: BreaksView }) {
  const sentences = breakSentences(p.breaks);
  return (
    <section class="card what-if-card" aria-labelledby="what-if-card">
      <h2 id="what-if-card">{t('growth.whatIf.title', { name: p.person.name })}</h2>
      {sentences.length === 0 ? <p>{t('growth.whatIf.nothing', { name: p.person.name })}</p> : <ul class="risk-list">{sentences.map((s) => <li>{s}</li>)}</ul>}
      <p>
        <a href={whatIfHref(p.person.id)}>{t('growth.whatIf.full')}</a>
      </p>
    </section>
  );
}
