// /pairings (planner for managers, current round for everyone), study circles, and /pairings/history with the pair grid.
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { EmptyState } from '../components.tsx';
import { escapeHtml } from '../ui/escape.ts';
import { formatDate, formatDay, keyFor, t } from '../i18n/index.ts';
import { areaOf, formatScore, GroupList, membersText, nameOf, reasonText } from './groups.tsx';
import type { CircleView, Names, RoundView } from './props.ts';

/** A suggested study circle: its leader and the learners, largest gap first. */
export type CircleSuggestion = {
  areaId: number;
  leader: { id: number; level: number };
  learners: ReadonlyArray<{ id: number; level: number; interest: number }>;
};

/** How often two people paired and how many whole days ago they last did. */
export type PairCell = { count: number; days: number };

export function PageHead(p: { title: string; children?: Child }) {
  return (
    <div class="pairings-head">
      <h1>{p.title}</h1>
      <nav class="pairings-tabs" aria-label={t('pairings.nav')}>
        {p.children}
      </nav>
    </div>
  );
}

/** The accepted round everyone works in now. */
export function CurrentRoundSection(p: { round: RoundView | null; names: Names; userId: number; showScore: boolean }) {
  const { round } = p;
  return (
    <section class="current-round" aria-labelledby="current-round-title">
      <h2 id="current-round-title">{t('pairings.current')}</h2>
      {round ? (
        <>
          <p class="muted">
            {t('pairings.acceptedOn', { date: formatDate(round.acceptedAt!), name: nameOf(p.names, round.acceptedBy!) })}
            {p.showScore && <> · {t('pairings.totalIs', { total: formatScore(round.groups.reduce((s, g) => s + g.scoreUnits, 0)) })}</>}
          </p>
          {round.note && <p class="round-note">{round.note}</p>}
          <GroupList groups={round.groups} names={p.names} showScore={p.showScore} highlight={p.userId} />
        </>
      ) : (
        <EmptyState>{t('pairings.noCurrent')}</EmptyState>
      )}
    </section>
  );
}

function learnersText(learners: CircleSuggestion['learners'], names: Names) {
  return learners.map((l) => t('pairings.circles.learner', { name: nameOf(names, l.id), level: l.level, interest: t(keyFor('interest.', l.interest)) })).join(' · ');
}

/** Running circles for everyone; suggestions with an accept button for managers. */
export function StudyCirclesSection(p: { circles: CircleView[]; suggestions: CircleSuggestion[] | null; names: Names; userId: number }) {
  const running = new Set(p.circles.map((c) => c.areaId));
  const open = p.suggestions?.filter((s) => !running.has(s.areaId)) ?? [];
  return (
    <section class="circles" aria-labelledby="circles-title">
      <h2 id="circles-title">{t('pairings.circles.title')}</h2>
      <p class="muted">{t('pairings.circles.intro')}</p>
      {p.circles.length === 0 ? (
        <EmptyState>{t('pairings.circles.none')}</EmptyState>
      ) : (
        <ul class="circle-list">
          {p.circles.map((c) => (
            <li class={c.leaderId === p.userId || c.learnerIds.includes(p.userId) ? 'card circle mine' : 'card circle'}>
              <h3>{areaOf(p.names, c.areaId)}</h3>
              <p>
                {t('pairings.circles.ledBy', { name: nameOf(p.names, c.leaderId) })}
                <span class="muted"> · {t('pairings.circles.since', { date: formatDay(c.acceptedAt) })}</span>
              </p>
              <p>{t('pairings.circles.with', { names: c.learnerIds.map((id) => nameOf(p.names, id)).join(', ') })}</p>
              {p.suggestions && (
                <form method="post" action={`/pairings/circles/${c.id}/end`} class="inline">
                  <input type="hidden" name="version" value={String(c.version)} />
                  <button type="submit" class="secondary">
                    {t('pairings.circles.end')}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {p.suggestions && (
        <>
          <h3>{t('pairings.circles.suggested')}</h3>
          {open.length === 0 ? (
            <EmptyState>{t('pairings.circles.noSuggestions')}</EmptyState>
          ) : (
            <ul class="circle-list">
              {open.map((s) => (
                <li class="card circle suggestion">
                  <h3>{areaOf(p.names, s.areaId)}</h3>
                  <p>{t('pairings.circles.leader', { name: nameOf(p.names, s.leader.id), level: s.leader.level })}</p>
                  <p class="muted">{learnersText(s.learners, p.names)}</p>
                  <form method="post" action="/pairings/circles" class="inline">
                    <input type="hidden" name="areaId" value={String(s.areaId)} />
                    <input type="hidden" name="leaderId" value={String(s.leader.id)} />
                    {s.learners.map((l) => (
                      <input type="hidden" name="learnerIds" value={String(l.id)} />
                    ))}
                    <button type="submit">{t('pairings.circles.accept')}</button>
                  </form>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

// ── History ─────────────────────────────────────────────────────────────────────────────────────────────

/** Recency buckets of the grid colours (the text always says the same in words). */
function recency(days: number): 'recent' | 'mid' | 'old' {
  if (days <= 28) return 'recent';
  return days <= 90 ? 'mid' : 'old';
}

const LEGEND = [
  ['h-recent', 'pairings.grid.recent'],
  ['h-mid', 'pairings.grid.mid'],
  ['h-old', 'pairings.grid.old'],
  ['never', 'pairings.grid.neverLegend'],
] as const;

/**
 * The grid's body as one string: a page of 50 people is 2,500 cells, written directly rather than as one
 * component each (as the matrix does), with the same words for screen readers.
 */
function gridRowsHtml(people: Array<{ id: number; name: string }>, cells: ReadonlyArray<ReadonlyArray<PairCell | null>>): string {
  const self = `<td class="self" aria-label="${escapeHtml(t('pairings.grid.self'))}"></td>`;
  const never = `<td class="never"><span aria-hidden="true">·</span><span class="pair-sr">${escapeHtml(t('pairings.grid.never'))}</span></td>`;
  let out = '';
  people.forEach((r, i) => {
    out += `<tr><th scope="row">${escapeHtml(r.name)}</th>`;
    people.forEach((c, j) => {
      const rec = cells[i][j];
      if (i === j) out += self;
      else if (!rec) out += never;
      else {
        const { count, days } = rec;
        out +=
          `<td class="h-${recency(days)}"><span class="pair-sr">${escapeHtml(t('pairings.grid.cellLong', { a: r.name, b: c.name, count, days }))}</span>` +
          `<span aria-hidden="true"><strong>${escapeHtml(t('pairings.grid.count', { count }))}</strong><small>${escapeHtml(t('pairings.grid.ago', { days }))}</small></span></td>`;
      }
    });
    out += '</tr>';
  });
  return out;
}

/** `cells[i][j]`: the pairs of people i and j, null when they never paired (the diagonal is not read). */
export function PairGrid(p: { people: Array<{ id: number; name: string }>; cells: ReadonlyArray<ReadonlyArray<PairCell | null>> }) {
  if (p.people.length < 2) return <EmptyState>{t('pairings.grid.empty')}</EmptyState>;
  return (
    <>
      <div class="table-wrap pair-grid-wrap" role="region" tabindex={0} aria-label={t('pairings.grid.title')}>
        <table class="pair-grid">
          <caption class="pair-sr">{t('pairings.grid.caption')}</caption>
          <thead>
            <tr>
              <td></td>
              {p.people.map((c) => (
                <th scope="col">
                  <span class="grid-col">{c.name}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{raw(gridRowsHtml(p.people, p.cells))}</tbody>
        </table>
      </div>
      <ul class="grid-legend" aria-label={t('pairings.grid.legend')}>
        {LEGEND.map(([swatch, key]) => (
          <li>
            <span class={`swatch ${swatch}`}></span> {t(key)}
          </li>
        ))}
      </ul>
    </>
  );
}

export function RoundHistory(p: { rounds: RoundView[]; names: Names; showScore: boolean }) {
  if (p.rounds.length === 0) return <EmptyState>{t('pairings.history.none')}</EmptyState>;
  return (
    <ol class="round-history">
      {p.rounds.map((r, i) => (
        <li class="card">
          <h3>
            {formatDate(r.acceptedAt!)} {i === 0 && <span class="tag ok">{t('pairings.status.current')}</span>}
          </h3>
          <p class="muted">
            {t('pairings.history.acceptedBy', { name: nameOf(p.names, r.acceptedBy!), groups: r.groups.length })}
            {p.showScore && <> · {t('pairings.totalIs', { total: formatScore(r.groups.reduce((s, g) => s + g.scoreUnits, 0)) })}</>}
          </p>
          {r.note && <p class="round-note">{r.note}</p>}
          <ul class="round-lines">
            {r.groups.map((g) => (
              <li>
                <details>
                  <summary>
                    {membersText(g, p.names)}
                    {g.areaId !== null && <span class="tag area">{areaOf(p.names, g.areaId)}</span>}
                  </summary>
                  <p class="pair-reason">{reasonText(g, p.names)}</p>
                </details>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
