// /study/seasons/:id/papers: the candidate papers with votes (sorted by votes or area), voting, withdrawing and the propose form.
import type { FieldErrors, FormValues } from '../../src/domain.ts';
import { EmptyState, ErrorSummary, Field, TextArea } from '../components.tsx';
import { t } from '../i18n/index.ts';
import { AreaChoice } from './season-form.tsx';

export type PaperItem = {
  id: number;
  title: string;
  url: string;
  authors: string;
  year: number | null;
  why: string;
  proposedBy: number;
  proposerName: string;
  votes: number;
  voted: boolean;
  areaNames: string[];
  scheduled: boolean;
};

export type ProposeForm = {
  values: FormValues;
  areaIds: string[];
  errors?: FieldErrors;
  /** The paper was proposed or read in an earlier season: what the form says, and the confirm box it needs. */
  earlier?: string[];
};

export type PapersPageProps = {
  season: { id: number; number: number; name: string };
  papers: PaperItem[];
  sort: 'votes' | 'area';
  /** Votes the viewer has left, or null when they do not take part (they cannot vote). */
  remaining: number | null;
  published: boolean;
  viewer: { id: number; manager: boolean };
  canPropose: boolean;
  areas: Array<{ id: number; name: string }>;
  form: ProposeForm;
  /** A refused vote or withdrawal, shown above the list. */
  problem?: string;
};

function VoteButton(p: { seasonId: number; paper: PaperItem; remaining: number | null; published: boolean }) {
  if (p.remaining === null || p.published) return p.paper.voted ? <span class="tag ok">{t('study.vote.youVoted')}</span> : null;
  const action = `/study/seasons/${p.seasonId}/papers/${p.paper.id}/${p.paper.voted ? 'unvote' : 'vote'}`;
  return (
    <form method="post" action={action} class="inline">
      {p.paper.voted && <span class="tag ok">{t('study.vote.youVoted')}</span>}{' '}
      <button type="submit" class={p.paper.voted ? 'secondary' : undefined} disabled={!p.paper.voted && p.remaining === 0} aria-label={t(p.paper.voted ? 'study.vote.unvoteNamed' : 'study.vote.voteNamed', { title: p.paper.title })}>
        {p.paper.voted ? t('study.vote.unvote') : t('study.vote.vote')}
      </button>
    </form>
  );
}

function PaperList(p: PapersPageProps) {
  return (
    <ol class="plain st-papers">
      {p.papers.map((paper) => (
        <li class="card st-paper">
          <div class="st-paper-head">
            <span class="st-votes" aria-label={t('study.vote.count', { count: paper.votes })}>
              {paper.votes}
            </span>
            <div>
              <a href={paper.url} rel="noopener noreferrer">
                {paper.title}
              </a>
              <p class="muted st-paper-meta">
                {[paper.authors, paper.year === null ? '' : String(paper.year)].filter(Boolean).join(' · ')}
                {paper.areaNames.map((n) => (
                  <span class="tag area">{n}</span>
                ))}
                {paper.scheduled && <span class="tag ok">{t('study.paper.scheduled')}</span>}
              </p>
            </div>
          </div>
          {paper.why && <p class="st-why">{paper.why}</p>}
          <p class="st-paper-actions">
            <span class="muted">{t('study.paper.proposedBy', { name: paper.proposerName })}</span>{' '}
            <VoteButton seasonId={p.season.id} paper={paper} remaining={p.remaining} published={p.published} />
            {(paper.proposedBy === p.viewer.id || p.viewer.manager) && !paper.scheduled && (
              <form method="post" action={`/study/seasons/${p.season.id}/papers/${paper.id}/withdraw`} class="inline">
                {' '}
                <button type="submit" class="link">
                  {t('study.paper.withdraw')}
                </button>
              </form>
            )}
          </p>
        </li>
      ))}
    </ol>
  );
}

function ProposePaper(p: PapersPageProps) {
  const f = p.form;
  const common = { values: f.values, errors: f.errors };
  return (
    <form method="post" action={`/study/seasons/${p.season.id}/papers`} class="stack card st-form" id="propose">
      <h2>{t('study.paper.proposeTitle')}</h2>
      <ErrorSummary errors={f.errors} />
      <Field name="title" label={t('study.paper.field.title')} required {...common} />
      <Field name="url" type="url" label={t('study.paper.field.url')} hint={t('study.paper.field.urlHint')} required {...common} />
      {f.earlier && (
        <div class="st-earlier" role="alert">
          {f.earlier.map((line) => (
            <p>{line}</p>
          ))}
          <label>
            <input type="checkbox" name="confirm" value="1" /> {t('study.paper.confirmAgain')}
          </label>
        </div>
      )}
      <div class="row">
        <Field name="authors" label={t('study.paper.field.authors')} {...common} />
        <Field name="year" type="number" label={t('study.paper.field.year')} {...common} />
      </div>
      <AreaChoice name="areaIds" legend={t('study.paper.field.areas')} hint={t('study.paper.field.areasHint')} areas={p.areas} chosen={f.areaIds} error={f.errors?.areaIds} />
      <TextArea name="why" label={t('study.paper.field.why')} hint={t('study.paper.field.whyHint')} rows={2} {...common} />
      <p>
        <button type="submit">{t('study.paper.propose')}</button>
      </p>
    </form>
  );
}

export function PapersPage(p: PapersPageProps) {
  const base = `/study/seasons/${p.season.id}`;
  return (
    <section class="st-page">
      <p>
        <a href={base}>{t('study.season.numbered', { number: p.season.number })}</a>
      </p>
      <h1>{t('study.paper.title', { number: p.season.number })}</h1>
      <p class="muted">
        {p.published ? t('study.vote.closed') : p.remaining === null ? t('study.vote.joinToVote') : t('study.vote.remaining', { count: p.remaining })}
      </p>
      {p.problem && (
        <p class="error-summary" role="alert">
          {p.problem}
        </p>
      )}
      {p.papers.length === 0 ? (
        <EmptyState>{t('study.paper.empty')}</EmptyState>
      ) : (
        <>
          <nav class="st-links" aria-label={t('study.paper.sortLabel')}>
            <span>{t('study.paper.sortLabel')}:</span>
            <a href={`${base}/papers?sort=votes`} aria-current={p.sort === 'votes' ? 'true' : undefined}>
              {t('study.paper.sortVotes')}
            </a>
            <a href={`${base}/papers?sort=area`} aria-current={p.sort === 'area' ? 'true' : undefined}>
              {t('study.paper.sortArea')}
            </a>
          </nav>
          <PaperList {...p} />
        </>
      )}
      {p.canPropose ? <ProposePaper {...p} /> : <p class="muted">{t('study.paper.joinToPropose')}</p>}
    </section>
  );
}
