// A member's stat card: radar of levels, interests, every rating (editable inline), trends and the change list.
import type { CurrentUser } from '../../src/env.ts';
import type { AreaWithCategory } from '../../src/areas/queries.ts';
import type { HistoryEntry, Rating } from '../../src/ratings/queries.ts';
import { effectiveLevel, isStale, levelTimeline } from '../../src/planning/skills.ts';
import { EmptyState } from '../components.tsx';
import { formatDate, t } from '../i18n/index.ts';
import { RatingCell } from './cell.tsx';
import { Radar, Sparkline } from './charts.tsx';

export type CardProps = {
  viewer: CurrentUser;
  now: Date;
  member: { id: number; name: string; email: string; role: string; active: boolean };
  areas: AreaWithCategory[];
  ratingOf: (areaId: number) => Rating | undefined;
  /** Newest first, already filtered to what the viewer may see. */
  history: HistoryEntry[];
  areaName: (areaId: number) => string;
};

const HISTORY_SHOWN = 30;
/** Sparklines span at least this far back, so one change does not fill the whole width. */
const TREND_DAYS = 240;

function historyValue(field: string, v: string | null): string {
  if (v === null || v === '') return t('rating.notSet');
  if (field === 'interest') return `${v} · ${t(`interest.${v}`)}`;
  if (field === 'evidence' || field === 'managerNote') return v.length > 80 ? `${v.slice(0, 78)}…` : v;
  return v;
}

export function StatCard(p: CardProps) {
  const back = `/members/${p.member.id}`;
  const byArea = new Map<number, HistoryEntry[]>();
  for (const h of p.history) byArea.set(h.areaId, [...(byArea.get(h.areaId) ?? []), h]);
  const since = p.now.getTime() - TREND_DAYS * 24 * 3600 * 1000;
  const interests = [3, 2, 1].map((level) => ({ level, areas: p.areas.filter((a) => p.ratingOf(a.id)?.interest === level) }));
  const stale = p.areas.filter((a) => {
    const r = p.ratingOf(a.id);
    return r && isStale(r, p.now);
  });
  const rated = p.areas.filter((a) => effectiveLevel(p.ratingOf(a.id)) !== null).length;
  return (
    <section class="stat-card">
      <div class="page-head">
        <h1>
          {p.member.name}
          {!p.member.active && <span class="tag warn">{t('members.inactive')}</span>}
        </h1>
        <p class="muted">
          {t(`role.${p.member.role}`)} · {p.member.email} · {t('card.ratedCount', { rated, total: p.areas.length })}
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
                  const r = p.ratingOf(a.id);
                  return { name: a.name, self: r?.selfLevel ?? null, manager: r?.managerLevel ?? null, effective: effectiveLevel(r) };
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
                        <dt>{t(`interest.${g.level}`)}</dt>
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
          <div class="table-wrap" role="region" tabindex={0} aria-label={t('card.ratings')}>
            <table class="list card-table">
              <thead>
                <tr>
                  <th scope="col">{t('card.area')}</th>
                  <th scope="col">{t('card.rating')}</th>
                  <th scope="col">{t('card.trend')}</th>
                </tr>
              </thead>
              <tbody>
                {p.areas.map((a) => (
                  <tr>
                    <th scope="row">
                      {a.name}
                      {a.categoryName && <small class="muted block">{a.categoryName}</small>}
                    </th>
                    <RatingCell member={p.member} area={a} rating={p.ratingOf(a.id)} viewer={p.viewer} now={p.now} back={back} view="card" />
                    <td>
                      <Sparkline points={levelTimeline(byArea.get(a.id) ?? [])} now={p.now} since={since} label={t('card.trendLabel', { area: a.name })} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <h2>{t('rating.history')}</h2>
      {p.history.length === 0 ? (
        <p class="muted">{t('rating.noHistory')}</p>
      ) : (
        <div class="table-wrap" role="region" tabindex={0} aria-label={t('rating.history')}>
          <table class="list history">
            <thead>
              <tr>
                <th scope="col">{t('card.when')}</th>
                <th scope="col">{t('card.who')}</th>
                <th scope="col">{t('card.area')}</th>
                <th scope="col">{t('card.change')}</th>
              </tr>
            </thead>
            <tbody>
              {p.history.slice(0, HISTORY_SHOWN).map((h) => (
                <tr>
                  <td class="nowrap">{formatDate(h.changedAt)}</td>
                  <td>{h.changedByName ?? t('common.none')}</td>
                  <td>{p.areaName(h.areaId)}</td>
                  <td>
                    {h.field === 'confirmed'
                      ? t('card.confirmedUnchanged')
                      : t('card.changeText', { field: t(`rating.field.${h.field}`), old: historyValue(h.field, h.oldValue), new: historyValue(h.field, h.newValue) })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {p.history.length > HISTORY_SHOWN && <p class="muted small pad">{t('card.historyMore', { shown: HISTORY_SHOWN, total: p.history.length })}</p>}
        </div>
      )}
    </section>
  );
}
