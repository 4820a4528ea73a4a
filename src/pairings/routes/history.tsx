// /pairings/history: a filtered page of people with their pair summaries and the grid among them, past rounds by page; one person's partners; one past round.
import { Hono } from 'hono';
import type { AppEnv } from '../../env.ts';
import { DAY_MS } from '../../domain.ts';
import { idParam } from '../../http/forms.ts';
import { notFound, page, wantsPartial } from '../../http/render.tsx';
import { listAreas } from '../../areas/queries.ts';
import { pageSlice, parsePage } from '../../matrix/filter.ts';
import { getUser } from '../../members/queries.ts';
import { pairKey, type PairHistory } from '../../planning/pairing/index.ts';
import { byName, formatDate, t } from '../../../views/i18n/index.ts';
import { HistoryPage, HistoryResults, PersonHistory, type HistoryProps, type HistoryRow } from '../../../views/pairings/history.tsx';
import { PageHead, RoundHistory, type PairCell } from '../../../views/pairings/pages.tsx';
import { filterPeople, historyUrl, IDLE_CHOICES, parseHistoryFilter } from '../history-filter.ts';
import { acceptedRoundCount, historyPeople, NO_PAIRS, pairsAmong, pairSummaries, partnersOf, roundLines } from '../history-queries.ts';
import { getRound, loadNames } from '../queries.ts';

/** People per page (as the matrix): a grid of 50 × 50 is the most a page shows. */
export const HISTORY_PAGE_SIZE = 50;
/** Past rounds per page: each is one line; its groups are on the round's own page. */
export const ROUNDS_PAGE_SIZE = 10;

const daysSince = (now: Date, at: number) => Math.max(0, Math.floor((now.getTime() - at) / DAY_MS));

/** The grid's cells in the order of `people`: how often each two paired and how long ago. */
function gridCells(people: Array<{ id: number }>, history: PairHistory, now: Date): Array<Array<PairCell | null>> {
  return people.map((r) =>
    people.map((c) => {
      const rec = r.id === c.id ? undefined : history.get(pairKey(r.id, c.id));
      return rec ? { count: rec.count, days: daysSince(now, rec.lastPaired.getTime()) } : null;
    }),
  );
}

const historyHead = () => (
  <PageHead title={t('pairings.history.title')}>
    <a href="/pairings">{t('pairings.backToPlanner')}</a>
  </PageHead>
);

export const historyRoutes = new Hono<AppEnv>()
  .get('/history', async (c) => {
    const db = c.get('db');
    const now = c.get('now')();
    const url = new URL(c.req.url);
    const areas = await listAreas(db);
    const filter = parseHistoryFilter(url.searchParams, new Set(areas.map((a) => a.id)));
    const [everyone, roundCount] = await Promise.all([historyPeople(db, { areaId: filter.areaId, lastPaired: filter.idle !== null }), acceptedRoundCount(db)]);
    const matching = byName(filterPeople(everyone, filter, now));
    const slice = pageSlice(matching.length, parsePage(url.searchParams), HISTORY_PAGE_SIZE);
    const shown = matching.slice(slice.from - 1, slice.to);
    const ids = shown.map((p) => p.id);
    const roundsPage = pageSlice(roundCount, parsePage(new URLSearchParams({ page: url.searchParams.get('rounds') ?? '' })), ROUNDS_PAGE_SIZE);
    const [summaries, among, lines] = await Promise.all([
      pairSummaries(db, ids),
      pairsAmong(db, ids),
      roundLines(db, ROUNDS_PAGE_SIZE, (roundsPage.page - 1) * ROUNDS_PAGE_SIZE),
    ]);
    const rows: HistoryRow[] = shown.map((p) => {
      const s = summaries.get(p.id) ?? NO_PAIRS;
      return {
        id: p.id,
        name: p.name,
        times: s.times,
        partners: s.partners,
        last: s.lastAt === null ? null : { at: s.lastAt, days: daysSince(now, s.lastAt), with: byName(s.lastWith) },
        never: everyone.length - 1 - s.teamPartners,
      };
    });
    const people = shown.map((p) => ({ id: p.id, name: p.name }));
    const props: HistoryProps = {
      filter,
      areas: areas.map((a) => ({ id: a.id, name: a.name })),
      idleChoices: IDLE_CHOICES,
      rows,
      slice: { ...slice, size: HISTORY_PAGE_SIZE },
      listed: everyone.length,
      grid: { people, cells: gridCells(people, among, now) },
      links: { here: historyUrl(filter, slice.page, roundsPage.page), prev: historyUrl(filter, slice.page - 1, roundsPage.page), next: historyUrl(filter, slice.page + 1, roundsPage.page) },
      rounds: {
        lines: lines.map((l, i) => ({ ...l, current: roundsPage.page === 1 && i === 0 })),
        slice: { ...roundsPage, size: ROUNDS_PAGE_SIZE },
        prev: historyUrl(filter, slice.page, roundsPage.page - 1),
        next: historyUrl(filter, slice.page, roundsPage.page + 1),
        showScore: c.get('user')!.role === 'manager',
      },
    };
    c.header('Vary', 'HX-Request');
    if (wantsPartial(c)) {
      c.header('HX-Push-Url', props.links.here);
      return c.html(<HistoryResults {...props} />);
    }
    return page(
      c,
      t('pairings.history.title'),
      <>
        {historyHead()}
        <HistoryPage {...props} />
      </>,
      { current: '/pairings', wide: true },
    );
  })
  .get('/history/rounds/:id', async (c) => {
    const id = idParam(c.req.param('id'));
    const round = id === null ? null : await getRound(c.get('db'), id);
    if (!round || round.status !== 'accepted') return notFound(c);
    const names = await loadNames(c.get('db'));
    return page(
      c,
      t('pairings.history.roundTitle', { date: formatDate(round.acceptedAt ?? 0) }),
      <>
        {historyHead()}
        <RoundHistory rounds={[round]} names={names} showScore={c.get('user')!.role === 'manager'} />
      </>,
      { current: '/pairings', wide: true },
    );
  })
  .get('/history/:id', async (c) => {
    const db = c.get('db');
    const id = idParam(c.req.param('id'));
    const person = id === null ? null : await getUser(db, id);
    if (!person || person.role === 'partner') return notFound(c);
    const now = c.get('now')();
    const [everyone, summaries] = await Promise.all([historyPeople(db, { areaId: null, lastPaired: false }), pairSummaries(db, [person.id])]);
    const s = summaries.get(person.id) ?? NO_PAIRS;
    const slice = pageSlice(s.partners, parsePage(new URL(c.req.url).searchParams), HISTORY_PAGE_SIZE);
    const partners = await partnersOf(db, person.id, HISTORY_PAGE_SIZE, (slice.page - 1) * HISTORY_PAGE_SIZE);
    const listed = everyone.some((p) => p.id === person.id) ? 1 : 0;
    const href = (n: number) => (n > 1 ? `/pairings/history/${person.id}?page=${n}` : `/pairings/history/${person.id}`);
    return page(
      c,
      t('pairings.person.title', { name: person.name }),
      <>
        {historyHead()}
        <PersonHistory
          name={person.name}
          times={s.times}
          never={Math.max(0, everyone.length - listed - s.teamPartners)}
          partners={partners.map((p) => ({ ...p, days: daysSince(now, p.dates[0]) }))}
          slice={{ ...slice, size: HISTORY_PAGE_SIZE }}
          prev={href(slice.page - 1)}
          next={href(slice.page + 1)}
        />
      </>,
      { current: '/pairings', wide: true },
    );
  });
