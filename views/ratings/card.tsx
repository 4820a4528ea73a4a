// A member's stat card: radar of levels, interests, every rating (editable inline), trends and the change list.
import type { Child } from 'hono/jsx';
import { DAY_MS } from '../../src/domain.ts';
import { EmptyState } from '../components.tsx';
import { formatDate, keyFor, t } from '../i18n/index.ts';
import { ListTable } from '../ui/list-table.tsx';
import type { StudyEvidenceItem } from '../study/evidence.tsx';
import { RatingCell, type CellProps, type CellRating } from './cell.tsx';
import { Radar, Sparkline, type LevelPoint } from './charts.tsx';

export type HistoryRow = { areaId: number; changedAt: number; changedByName: string | null; field: string; oldValue: string | null; newValue: string | null };

export type CardProps = {
  now: Date;
  member: { id: number; name: string; email: string; role: string; active: boolean };
  /** The active areas, in display order. */
  areas: Array<CellProps['area'] & { categoryName: string | null }>;
  /** The member's ratings by area id. */
  ratings: Map<number, CellRating>;
  /** The effective level over time, by area id. */
  trends: Map<number, LevelPoint[]>;
  rights: CellProps['rights'];
  /** Newest first, already filtered to what the viewer may see. */
  history: HistoryRow[];
  /** Names of every area the history mentions (archived ones too). */
  areaNames: Map<number, string>;
  /** Sessions presented or reviewed, by area id. */
  study: Map<number, StudyEvidenceItem[]>;
  /** "If this person left" (managers only), shown above the history. */
  whatIf?: Child;
  /** The person's growth over time, when the viewer may open it (the person themself or a manager). */
  growthHref: string | null;
};

const HISTORY_SHOWN = 30;
/** Sparklines span at least this far back, so one change does not fill the whole width. */
const TREND_DAYS = 240;

function historyValue(field: string, v: string | null): string {
  if (v === null || v === '') return t('rating.notSet');
  if (field === 'interest') return `${v} · ${t(keyFor('interest.', v))}`;
  if (field === 'evidence' || field === 'managerNote') return v.length > 80 ? `${v.slice(0, 78)}…` : v;
  return v;
}

export function StatCard(p: CardProps) {
  const back = `/members/${p.member.id}`;
  const since = p.now.getTime() - TREND_DAYS * DAY_MS;
  const ratingOf = (areaId: number) => p.ratings.get(areaId);
  const interests = [3, 2, 1].map((level) => ({ level, areas: p.areas.filter((a) => ratingOf(a.id)?.interest === level) }));
  const stale = p.areas.filter((a) => (ratingOf(a.id)?.staleDays ?? null) !== null);
  const rated = p.areas.filter((a) => (ratingOf(a.id)?.level ?? null) !== null).length;
  return (
    <section class="stat-card">
      <div class="page-head">
        <h1>
          {p.member.name}
          {!p.member.active && <span class="tag warn">{t('members.inactive')}</span>}
        </h1>
        <p class="muted">
          {t(keyFor('role.', p.member.role))} · {p.member.email} · {t('card.ratedCount', { rated, total: p.areas.length })}
          {p.growthHref && (
            <>
              {' · '}
              <a href={p.growthHref}>{t('growth.member.link')}</a>
            </>
          )}
        </p>
      </div>
      {p.areas.length === 0 ? (
        <EmptyState>{t('card.noAreas')}</EmptyState>
      ) : (
        <>
          <div class="mx-card-top">
            <div class="card">
              <h2>{t('card.radar')}</h2>
              <Radar
                title={t('card.radarTitle', { name: p.member.name })}
                axes={p.areas.map((a) => {
                  const r = ratingOf(a.id);
                  return { name: a.name, self: r?.selfLevel ?? null, manager: r?.managerLevel ?? null, effective: r?.level ?? null };
                })}
              />
            </div>
            <div class="card">
              <h2>{t('card.interests')}</h2>
              {interests.every((g) => g.areas.length === 0) ? (
                <p class="muted">{t('card.noInterests')}</p>
              ) : (
                <dl class="mx-interests">
                  {interests
                    .filter((g) => g.areas.length > 0)
                    .map((g) => (
                      <>
                        <dt>{t(keyFor('interest.', g.level))}</dt>
                        <dd>{g.areas.map((a) => a.name).join(', ')}</dd>
                      </>
                    ))}
                </dl>
              )}
              {stale.length > 0 && (
                <p class="stale-note">
                  <span class="tag warn">{t('rating.stale')}</span> {t('card.staleList', { areas: stale.map((a) => a.name).join(', ') })}
                </p>
              )}
            </div>
          </div>
          <h2>{t('card.ratings')}</h2>
          <ListTable class="card-table" label={t('card.ratings')} columns={[{ label: t('card.area') }, { label: t('card.rating') }, { label: t('card.trend') }]}>
            {p.areas.map((a) => (
              <tr>
                <th scope="row">
                  {a.name}
                  {a.categoryName && <small class="muted block">{a.categoryName}</small>}
                </th>
                <RatingCell member={p.member} area={a} rating={ratingOf(a.id)} rights={p.rights} back={back} view="card" study={p.study.get(a.id)} />
                <td>
                  <Sparkline points={p.trends.get(a.id) ?? []} now={p.now} since={since} label={t('card.trendLabel', { area: a.name })} />
                </td>
              </tr>
            ))}
          </ListTable>
        </>
      )}
      {p.whatIf}
      <h2>{t('rating.history')}</h2>
      {p.history.length === 0 ? (
        <p class="muted">{t('rating.noHistory')}</p>
      ) : (
        <ListTable
          class="history"
          label={t('rating.history')}
          columns={[{ label: t('card.when') }, { label: t('card.who') }, { label: t('card.area') }, { label: t('card.change') }]}
          after={p.history.length > HISTORY_SHOWN && <p class="muted small pad">{t('card.historyMore', { shown: HISTORY_SHOWN, total: p.history.length })}</p>}
        >
          {p.history.slice(0, HISTORY_SHOWN).map((h) => (
            <tr>
              <td class="nowrap">{formatDate(h.changedAt)}</td>
              <td>{h.changedByName ?? t('common.none')}</td>
              <td>{p.areaNames.get(h.areaId) ?? t('common.none')}</td>
              <td>
                {h.field === 'confirmed'
                  ? t('card.confirmedUnchanged')
                  : t('card.changeText', { field: t(keyFor('rating.field.', h.field)), old: historyValue(h.field, h.oldValue), new: historyValue(h.field, h.newValue) })}
              </td>
            </tr>
          ))}
        </ListTable>
      )}
    </section>
  );
}
