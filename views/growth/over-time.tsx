// The team over time (/growth): what grew this year, a chart and its figures per area by category, and when each area's bus factor changed.
import { EmptyState } from '../components.tsx';
import { currentLocale, t } from '../i18n/index.ts';
import { LineChart } from '../ui/line-chart.tsx';
import { ListTable } from '../ui/list-table.tsx';
import { GrowthNav } from './nav.tsx';

export type Risk = 'blocker' | 'single' | 'thin' | 'ok';
export type MonthPoint = { experts: number; median: number | null; best: number | null; atTarget: number; members: number; risk: Risk };
export type TimelineAreaView = { id: number; name: string; targetLevel: number; minExperts: number; points: MonthPoint[] };
export type Moved = { from: number | null; to: number | null };

export type OverTimeProps = {
  period: string;
  periods: readonly string[];
  /** 'YYYY-MM', oldest first; the last month ends now. */
  months: string[];
  groups: Array<{ category: string | null; areas: TimelineAreaView[] }>;
  /** Areas whose experts, median or people at target rose since `since` (a month label). */
  grew: { since: string; areas: Array<{ name: string; experts: Moved; median: Moved; atTarget: Moved }> };
  riskChanges: Array<{ area: string; month: string; from: Risk; to: Risk; minExperts: number }>;
  /** No rating history at all yet. */
  empty: boolean;
};

// Intl formatters are costly to make and a page formats hundreds of months and figures: one per locale and style.
const formats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function formatter<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: (locale: string) => F): F {
  const k = `${currentLocale()} ${key}`;
  let f = formats.get(k) as F | undefined;
  if (!f) formats.set(k, (f = make(currentLocale())));
  return f;
}

/** 'YYYY-MM' as the viewer reads a month: "Jun 2026", "2026년 6월". */
export function monthName(label: string, style: 'short' | 'long' = 'short'): string {
  const [y, m] = label.split('-').map(Number);
  return formatter(`month ${style}`, (l) => new Intl.DateTimeFormat(l, { year: 'numeric', month: style, timeZone: 'UTC' })).format(Date.UTC(y, m - 1, 15));
}

const num = (v: number | null) => (v === null ? '–' : formatter('number', (l) => new Intl.NumberFormat(l, { maximumFractionDigits: 1 })).format(v));
export const riskText = (risk: Risk, min: number) => t(`matrix.risk.${risk}`, { min });
const RISK_TAG: Record<Risk, string> = { blocker: 'tag bad', single: 'tag warn', thin: 'tag warn', ok: 'tag ok' };

export function OverTimePage(p: OverTimeProps) {
  return (
    <section class="growth-time">
      <h1>{t('growth.time.title')}</h1>
      <GrowthNav current="overTime" />
      <PeriodChooser action="/growth" period={p.period} periods={p.periods} />
      {p.empty ? (
        <EmptyState>{t('growth.time.empty')}</EmptyState>
      ) : (
        <>
          <Headline grew={p.grew} />
          <RiskChanges changes={p.riskChanges} />
          {p.groups.map((g, gi) => (
            <section class="growth-group" aria-labelledby={`growth-cat-${gi}`}>
              <h2 id={`growth-cat-${gi}`}>{g.category ?? t('growth.time.noCategory')}</h2>
              <div class="growth-grid">
                {g.areas.map((a) => (
                  <AreaCard area={a} months={p.months} />
                ))}
              </div>
            </section>
          ))}
        </>
      )}
    </section>
  );
}

/** The period of a growth page: a plain GET form, so it works without JavaScript and the address is bookmarkable. */
export function PeriodChooser(p: { action: string; period: string; periods: readonly string[] }) {
  return (
    <form method="get" action={p.action} class="growth-period">
      <label for="growth-period">{t('growth.time.period')}</label>
      <select id="growth-period" name="period">
        {p.periods.map((x) => (
          <option value={x} selected={x === p.period}>
            {t(`growth.time.period.${x as '12m' | '24m' | 'year'}`)}
          </option>
        ))}
      </select>
      <button type="submit">{t('growth.time.show')}</button>
    </form>
  );
}

const moved = (m: Moved) => t('growth.time.moved', { from: num(m.from), to: num(m.to) });

function Headline(p: { grew: OverTimeProps['grew'] }) {
  const since = monthName(p.grew.since, 'long');
  return (
    <section class="card growth-headline" aria-labelledby="growth-headline">
      <h2 id="growth-headline">{t('growth.time.grewTitle', { since })}</h2>
      {p.grew.areas.length === 0 ? (
        <p>{t('growth.time.grewNone', { since })}</p>
      ) : (
        <ListTable labelledBy="growth-headline" columns={[{ label: t('growth.time.area') }, { label: t('growth.time.experts'), num: true }, { label: t('growth.time.median'), num: true }, { label: t('growth.time.atTarget'), num: true }]}>
          {p.grew.areas.map((a) => (
            <tr>
              <th scope="row">{a.name}</th>
              <td class="num">{moved(a.experts)}</td>
              <td class="num">{moved(a.median)}</td>
              <td class="num">{moved(a.atTarget)}</td>
            </tr>
          ))}
        </ListTable>
      )}
    </section>
  );
}

function RiskChanges(p: { changes: OverTimeProps['riskChanges'] }) {
  return (
    <section class="card" aria-labelledby="growth-risk">
      <h2 id="growth-risk">{t('growth.time.riskTitle')}</h2>
      {p.changes.length === 0 ? (
        <p>{t('growth.time.riskNone')}</p>
      ) : (
        <ul class="growth-risk-list">
          {p.changes.map((c) => (
            <li>
              <span class="growth-month">{monthName(c.month)}</span> <strong>{c.area}</strong>{' '}
              {c.to === 'ok' ? t('growth.time.riskStopped', { risk: riskText(c.from, c.minExperts) }) : t('growth.time.riskBecame', { risk: riskText(c.to, c.minExperts) })}{' '}
              <span class={RISK_TAG[c.to]}>{riskText(c.to, c.minExperts)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AreaCard(p: { area: TimelineAreaView; months: string[] }) {
  const a = p.area;
  const last = a.points[a.points.length - 1];
  const labels = p.months.map((m) => monthName(m));
  const max = Math.max(1, ...a.points.map((x) => Math.max(x.experts, x.atTarget)));
  const id = `growth-area-${a.id}`;
  return (
    <article class="card growth-area" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{a.name}</h3>
      <p class="muted">
        {t('growth.time.now', { experts: last?.experts ?? 0, atTarget: last?.atTarget ?? 0, target: a.targetLevel, median: num(last?.median ?? null), best: num(last?.best ?? null) })}{' '}
        {last && <span class={RISK_TAG[last.risk]}>{riskText(last.risk, a.minExperts)}</span>}
      </p>
      <LineChart
        id={id}
        title={t('growth.time.chartTitle', { area: a.name })}
        xLabels={labels}
        max={max}
        series={[
          { label: t('growth.time.experts'), values: a.points.map((x) => x.experts), style: 'solid' },
          { label: t('growth.time.atTargetOf', { target: a.targetLevel }), values: a.points.map((x) => x.atTarget), style: 'dashed' },
        ]}
      />
      <details class="growth-figures">
        <summary>{t('growth.time.figures')}</summary>
        <ListTable
          label={t('growth.time.figuresOf', { area: a.name })}
          columns={[{ label: t('growth.time.month') }, { label: t('growth.time.col.experts'), num: true }, { label: t('growth.time.col.atTarget'), num: true }, { label: t('growth.time.col.median'), num: true }, { label: t('growth.time.col.best'), num: true }]}
        >
          {a.points.map((x, i) => (
            <tr>
              <th scope="row">{labels[i]}</th>
              <td class="num">{x.experts}</td>
              <td class="num">{x.atTarget}</td>
              <td class="num">{num(x.median)}</td>
              <td class="num">{num(x.best)}</td>
            </tr>
          ))}
        </ListTable>
      </details>
    </article>
  );
}
