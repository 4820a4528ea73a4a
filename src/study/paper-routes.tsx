// Study: a season's candidate papers: the list (by votes or area), proposing with link checks, voting, withdrawing.
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { FieldErrors } from '../domain.ts';
import type { AppEnv } from '../env.ts';
import { field, idParam, parseForm, readForm } from '../http/forms.ts';
import { forbidden, notFound, page, redirectAfterPost } from '../http/render.tsx';
import { listAreas } from '../areas/queries.ts';
import { collator, t } from '../../views/i18n/index.ts';
import { PapersPage, type PaperItem, type ProposeForm } from '../../views/study/papers.tsx';
import { changeVote, getPaper, insertPaper, papersWithKey, seasonPapers, votesUsed, withdrawPaper, type EarlierPaper, type VoteOutcome } from './paper-queries.ts';
import { paperLink } from './paper-link.ts';
import { seasonTitle, withSeason, type C, type FullSeason } from './season-page-routes.tsx';
import { seasonParticipants } from './season-queries.ts';

const paperSchema = z.object({
  title: field.text(300),
  url: field.text(2000),
  authors: field.optionalText(500),
  year: field.optionalInt(1950, 9999),
  areaIds: z.array(z.string()).optional().default([]),
  why: field.text(300),
  confirm: z.string().optional(),
});

type PageOpts = { form?: ProposeForm; problem?: string; status?: ContentfulStatusCode; sort?: 'votes' | 'area' };

/** Papers by votes (then title), or by their first area in the areas' order (then votes). */
function sorted(papers: PaperItem[], sort: 'votes' | 'area', areaOrder: Map<string, number>): PaperItem[] {
  const byTitle = collator();
  const byVotes = (a: PaperItem, b: PaperItem) => b.votes - a.votes || byTitle.compare(a.title, b.title);
  const areaRank = (p: PaperItem) => Math.min(...p.areaNames.map((n) => areaOrder.get(n) ?? Infinity));
  return [...papers].sort(sort === 'area' ? (a, b) => areaRank(a) - areaRank(b) || byVotes(a, b) : byVotes);
}

async function papersPage(c: C, season: FullSeason, opts: PageOpts = {}) {
  const db = c.get('db');
  const user = c.get('user')!;
  const [rows, areas, people, used] = await Promise.all([seasonPapers(db, season.id, user.id), listAreas(db, { includeArchived: true }), seasonParticipants(db, season.id), votesUsed(db, season.id, user.id)]);
  const names = new Map(areas.map((a) => [a.id, a.name]));
  const areaOrder = new Map(areas.map((a, i) => [a.name, i]));
  const participant = people.some((p) => p.userId === user.id && p.leftAt === null);
  const papers = rows.map((r) => ({ ...r, areaNames: r.areaIds.map((id) => names.get(id) ?? '').filter(Boolean) }));
  const sort = opts.sort ?? (c.req.query('sort') === 'area' ? 'area' : 'votes');
  const body = (
    <PapersPage
      season={season}
      papers={sorted(papers, sort, areaOrder)}
      sort={sort}
      remaining={participant ? Math.max(0, season.votesPerMember - used) : null}
      published={season.scheduleStatus === 'published'}
      viewer={{ id: user.id, manager: user.role === 'manager' }}
      canPropose={participant || user.role === 'manager'}
      areas={areas.filter((a) => a.archivedAt === null).map((a) => ({ id: a.id, name: a.name }))}
      form={opts.form ?? { values: {}, areaIds: [] }}
      problem={opts.problem}
    />
  );
  return page(c, t('study.paper.title', { number: season.number }), body, { current: '/study', status: opts.status });
}

/** "Read in season 2, session 5, presented by 김민아" / "Proposed in season 2, not read", once per earlier season. */
function earlierLines(earlier: EarlierPaper[]): string[] {
  const seen = new Set<number>();
  const lines: string[] = [];
  for (const e of earlier) {
    if (seen.has(e.seasonId)) continue;
    seen.add(e.seasonId);
    lines.push(
      e.position !== null
        ? t('study.paper.earlier.read', { season: e.seasonNumber, session: e.position, name: e.presenterName ?? t('study.season.gap') })
        : t('study.paper.earlier.notRead', { season: e.seasonNumber }),
    );
  }
  return lines;
}


/** A vote refused: 409 when the published schedule closed voting, 422 for the voter's own limits. */
const VOTE_REFUSALS: Record<Exclude<VoteOutcome, 'ok'>, ContentfulStatusCode> = { published: 409, notParticipant: 422, twice: 422, limit: 422, notVoted: 422, withdrawn: 404 };

const vote = (cast: boolean) =>
  withSeason(async (c, season) => {
    const paperId = idParam(c.req.param('paperId'));
    const paper = paperId ? await getPaper(c.get('db'), season.id, paperId) : null;
    if (!paper) return notFound(c);
    const outcome = await changeVote(c.get('db'), season.id, paper.id, c.get('user')!.id, cast, c.get('now')());
    if (outcome === 'withdrawn') return notFound(c);
    if (outcome !== 'ok') return papersPage(c, season, { problem: t(`study.vote.error.${outcome}`, { limit: season.votesPerMember, title: paper.title }), status: VOTE_REFUSALS[outcome] });
    return redirectAfterPost(c, `/study/seasons/${season.id}/papers`, { kind: 'ok', text: t(cast ? 'study.vote.cast' : 'study.vote.withdrawn', { title: paper.title }) });
  });

export const paperRoutes = new Hono<AppEnv>()
  .get('/seasons/:id/papers', withSeason((c, season) => papersPage(c, season)))
  .post(
    '/seasons/:id/papers',
    withSeason(async (c, season) => {
      const db = c.get('db');
      const user = c.get('user')!;
      const { fields } = await readForm(c, ['areaIds']);
      const areaIds = Array.isArray(fields.areaIds) ? fields.areaIds : [];
      const form = await parseForm(c, paperSchema, ['areaIds']);
      const refuse = (errors: FieldErrors, earlier?: string[]) => papersPage(c, season, { form: { values: form.values, areaIds, errors, earlier }, status: 422 });
      const people = await seasonParticipants(db, season.id);
      if (user.role !== 'manager' && !people.some((p) => p.userId === user.id && p.leftAt === null)) return papersPage(c, season, { problem: t('study.paper.error.joinFirst'), status: 422 });
      if (!form.ok) return refuse(form.errors);
      const d = form.data;
      const errors: FieldErrors = {};
      const link = paperLink(d.url);
      if (!link.ok) errors.url = t(`study.paper.error.${link.code}`);
      const nextYear = c.get('now')().getUTCFullYear() + 1;
      if (d.year !== null && d.year > nextYear) errors.year = t('errors.max', { max: nextYear });
      const active = new Set((await listAreas(db)).map((a) => a.id));
      const chosen = [...new Set(areaIds.map(Number))];
      if (chosen.length === 0) errors.areaIds = t('study.paper.error.noArea');
      else if (chosen.some((id) => !active.has(id))) errors.areaIds = t('errors.unknownArea');
      if (!link.ok || Object.keys(errors).length > 0) return refuse(errors);
      const same = await papersWithKey(db, link.key);
      const here = same.find((p) => p.seasonId === season.id);
      if (here) return refuse({ url: t('study.paper.error.duplicate', { name: here.proposerName }) });
      const earlier = same.filter((p) => p.seasonId !== season.id);
      if (earlier.length > 0 && d.confirm !== '1') return refuse({ url: t('study.paper.error.earlier') }, earlierLines(earlier));
      const input = { title: d.title, url: d.url, linkKey: link.key, authors: d.authors, year: d.year, why: d.why, areaIds: chosen };
      const paper = await insertPaper(db, season.id, input, user.id, c.get('now')());
      if (!paper) return refuse({ url: t('study.paper.error.duplicateRace') });
      return redirectAfterPost(c, `/study/seasons/${season.id}/papers`, { kind: 'ok', text: t('study.paper.proposed', { title: paper.title, season: seasonTitle(season) }) });
    }),
  )
  .post('/seasons/:id/papers/:paperId/vote', vote(true))
  .post('/seasons/:id/papers/:paperId/unvote', vote(false))
  .post(
    '/seasons/:id/papers/:paperId/withdraw',
    withSeason(async (c, season) => {
      const paperId = idParam(c.req.param('paperId'));
      const paper = paperId ? await getPaper(c.get('db'), season.id, paperId) : null;
      if (!paper || paper.withdrawnAt !== null) return notFound(c);
      const user = c.get('user')!;
      if (paper.proposedBy !== user.id && user.role !== 'manager') return forbidden(c);
      if (paper.scheduled || !(await withdrawPaper(c.get('db'), paper.id, c.get('now')()))) return papersPage(c, season, { problem: t('study.paper.error.scheduled', { title: paper.title }), status: 422 });
      return redirectAfterPost(c, `/study/seasons/${season.id}/papers`, { kind: 'ok', text: t('study.paper.withdrawn', { title: paper.title }) });
    }),
  );
