// One person's growth (/members/:id/growth): their effective level per area over the period, charts with their figures.
import { EmptyState } from '../components.tsx';
import { t } from '../i18n/index.ts';
import { LineChart } from '../ui/line-chart.tsx';
import { ListTable } from '../ui/list-table.tsx';
import { monthName, PeriodChooser } from './over-time.tsx';

export type MemberGrowthProps = {
  member: { id: number; name: string };
  you: boolean;
  period: string;
  periods: readonly string[];
  months: string[];
  /** Areas the person has a level history in; `levels` one per month (null: not rated yet then). */
  areas: Array<{ id: number; name: string; levels: Array<number | null> }>;
};

const lv = (v: number | null) => (v === null ? t('growth.member.unrated') : String(v));

export function MemberGrowthPage(p: MemberGrowthProps) {
  const labels = p.months.map((m) => monthName(m));
  return (
    <section class="growth-time">
      <p>
        <a href={`/members/${p.member.id}`}>{t('growth.member.back', { name: p.member.name })}</a>
      </p>
      <h1>{p.you ? t('growth.member.titleYou') : t('growth.member.title', { name: p.member.name })}</h1>
      <PeriodChooser action={`/members/${p.member.id}/growth`} period={p.period} periods={p.periods} />
      {p.areas.length === 0 ? (
        <EmptyState>{p.you ? t('growth.member.emptyYou') : t('growth.member.empty', { name: p.member.name })}</EmptyState>
      ) : (
        <>
          <section class="card" aria-labelledby="growth-member-summary">
            <h2 id="growth-member-summary">{t('growth.member.summary', { from: monthName(p.months[0], 'long') })}</h2>
            <ListTable labelledBy="growth-member-summary" columns={[{ label: t('growth.time.area') }, { label: t('growth.member.start'), num: true }, { label: t('growth.member.nowLevel'), num: true }]}>
              {p.areas.map((a) => (
                <tr>
                  <th scope="row">{a.name}</th>
                  <td class="num">{lv(a.levels[0])}</td>
                  <td class="num">{lv(a.levels[a.levels.length - 1])}</td>
                </tr>
              ))}
            </ListTable>
          </section>
          <div class="growth-grid">
            {p.areas.map((a) => (
              <article class="card growth-area" aria-labelledby={`growth-member-${a.id}`}>
                <h3 id={`growth-member-${a.id}`}>{a.name}</h3>
                <LineChart id={`growth-member-chart-${a.id}`} title={t('growth.member.chartTitle', { name: p.member.name, area: a.name })} xLabels={labels} max={5} legend={false} series={[{ label: t('growth.member.level'), values: a.levels, style: 'solid' }]} />
                <details class="growth-figures">
                  <summary>{t('growth.time.figures')}</summary>
                  <ListTable label={t('growth.time.figuresOf', { area: a.name })} columns={[{ label: t('growth.time.month') }, { label: t('growth.member.level'), num: true }]}>
                    {a.levels.map((v, i) => (
                      <tr>
                        <th scope="row">{labels[i]}</th>
                        <td class="num">{lv(v)}</td>
                      </tr>
                    ))}
                  </ListTable>
                </details>
              </article>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
