// The season's schedule page for managers: plan, read why, edit each session, publish.
import type { FieldErrors, SessionReason, Unmet, Violation } from '../../src/domain.ts';
import { EmptyState, ErrorSummary, VersionInput } from '../components.tsx';
import { formatDate, t } from '../i18n/index.ts';
import { describeSession, describeUnmet, describeViolation, sayDay, type ScheduleNames } from './schedule-reasons.ts';

export type ScheduleSessionView = {
  id: number;
  position: number;
  day: string;
  paperId: number | null;
  presenterId: number | null;
  reviewerId: number | null;
  lockPaper: boolean;
  lockPresenter: boolean;
  reason: SessionReason | null;
  /** Held sessions of a published schedule are history: shown, not edited. */
  held: boolean;
  presenterLeft: boolean;
  reviewerLeft: boolean;
  paper: { title: string; url: string; votes: number; areaIds: number[] } | null;
};

export type SchedulePageProps = {
  season: { id: number; name: string; scheduleStatus: 'none' | 'draft' | 'published'; scheduleVersion: number; publishedAt: number | null };
  dates: string[];
  sessions: ScheduleSessionView[];
  unscheduled: Array<{ id: number; title: string; votes: number }>;
  /** Participants who have not left, for the pickers. */
  people: Array<{ id: number; name: string }>;
  names: ScheduleNames;
  unmet: Unmet[];
  violations: Violation[];
  errors?: FieldErrors;
};

const base = (p: SchedulePageProps) => `/study/seasons/${p.season.id}/schedule`;

function Status(p: SchedulePageProps) {
  const { scheduleStatus: status, scheduleVersion: version, publishedAt } = p.season;
  if (status === 'published') return <p class="tag ok">{t('study.schedule.status.published', { date: formatDate(publishedAt ?? 0), version })}</p>;
  if (status === 'draft') return <p class="tag warn">{t('study.schedule.status.draft', { version })}</p>;
  return <p class="tag">{t('study.schedule.status.none')}</p>;
}

function PlanForm(p: SchedulePageProps) {
  const action = `${base(p)}/plan`;
  return (
    <form method="post" action={action} hx-post={action} hx-indicator="#schedule-busy" class="planner-actions">
      <VersionInput version={p.season.scheduleVersion} />
      <button type="submit" class={p.sessions.length > 0 ? 'secondary' : undefined}>
        {p.sessions.length > 0 ? t('study.schedule.replan') : t('study.schedule.plan')}
      </button>
      <span id="schedule-busy" class="htmx-indicator" role="status">
        <span class="spinner" aria-hidden="true"></span> {t('study.schedule.planning')}
      </span>
      <small class="hint">{t('study.schedule.planHint')}</small>
    </form>
  );
}

/** Two session pickers and a button: swapping presenters, or moving a paper. */
function PairOfSessions(p: SchedulePageProps & { kind: 'swap' | 'move' }) {
  const open = p.sessions.filter((s) => !s.held);
  const pick = (name: 'a' | 'b', label: string) => (
    <label class="field">
      {label}
      <select name={name} required>
        <option value="">{t('study.schedule.pick')}</option>
        {open.map((s) => (
          <option value={String(s.id)}>{`${t('study.schedule.session', { n: s.position })} · ${sayDay(s.day)}`}</option>
        ))}
      </select>
    </label>
  );
  return (
    <form method="post" action={`${base(p)}/${p.kind === 'swap' ? 'swap-presenters' : 'move-paper'}`} class="card stack schedule-pair">
      <h3>{t(`study.schedule.${p.kind}.title`)}</h3>
      <VersionInput version={p.season.scheduleVersion} />
      <div class="row">
        {pick('a', t('study.schedule.first'))}
        {pick('b', t('study.schedule.second'))}
      </div>
      <button type="submit" class="secondary">{t(`study.schedule.${p.kind}.submit`)}</button>
    </form>
  );
}

function PersonForm(p: { page: SchedulePageProps; s: ScheduleSessionView; role: 'presenter' | 'reviewer' }) {
  const id = `s${p.s.id}-${p.role}`;
  const current = p.role === 'presenter' ? p.s.presenterId : p.s.reviewerId;
  return (
    <form method="post" action={`${base(p.page)}/sessions/${p.s.id}/${p.role}`} class="schedule-edit">
      <VersionInput version={p.page.season.scheduleVersion} />
      <label for={id}>{t(`study.schedule.${p.role}`)}</label>
      <select id={id} name="personId">
        <option value="">{t('study.schedule.nobody')}</option>
        {p.page.people.map((m) => (
          <option value={String(m.id)} selected={m.id === current}>
            {m.name}
          </option>
        ))}
      </select>
      <button type="submit" class="secondary">{t('study.schedule.set')}</button>
    </form>
  );
}

function SessionEdits(p: { page: SchedulePageProps; s: ScheduleSessionView }) {
  const { page, s } = p;
  const id = `s${s.id}-paper`;
  return (
    <details class="schedule-edits">
      <summary>{t('study.schedule.change')}</summary>
      <PersonForm page={page} s={s} role="presenter" />
      <PersonForm page={page} s={s} role="reviewer" />
      {page.unscheduled.length > 0 && (
        <form method="post" action={`${base(page)}/sessions/${s.id}/paper`} class="schedule-edit">
          <VersionInput version={page.season.scheduleVersion} />
          <label for={id}>{t('study.schedule.replacePaper')}</label>
          <select id={id} name="paperId" required>
            <option value="">{t('study.schedule.pick')}</option>
            {page.unscheduled.map((paper) => (
              <option value={String(paper.id)}>{`${paper.title} (${t('study.schedule.votes', { votes: paper.votes })})`}</option>
            ))}
          </select>
          <button type="submit" class="secondary">{t('study.schedule.replace')}</button>
        </form>
      )}
      <form method="post" action={`${base(page)}/sessions/${s.id}/locks`} class="schedule-edit">
        <VersionInput version={page.season.scheduleVersion} />
        <fieldset>
          <legend>{t('study.schedule.locks')}</legend>
          <label>
            <input type="checkbox" name="lockPaper" value="1" checked={s.lockPaper} /> {t('study.schedule.lockPaper')}
          </label>
          <label>
            <input type="checkbox" name="lockPresenter" value="1" checked={s.lockPresenter} /> {t('study.schedule.lockPresenter')}
          </label>
        </fieldset>
        <button type="submit" class="secondary">{t('study.schedule.saveLocks')}</button>
      </form>
    </details>
  );
}

function Role(p: { label: string; personId: number | null; left: boolean; gap: string; names: ScheduleNames; locked?: boolean }) {
  return (
    <p>
      <strong>{p.label}</strong>{' '}
      {p.left ? <span class="tag bad">{p.gap}</span> : p.personId === null ? <span class="muted">{t('study.schedule.nobody')}</span> : p.names.people.get(p.personId)}
      {p.locked && <span class="tag">{t('study.schedule.locked')}</span>}
    </p>
  );
}

function SessionCard(p: { page: SchedulePageProps; s: ScheduleSessionView }) {
  const { page, s } = p;
  const { names } = page;
  return (
    <li class="card stack schedule-session" id={`session-${s.position}`}>
      <h3>
        <a href={`/study/sessions/${s.id}`}>{t('study.schedule.session', { n: s.position })}</a> · {sayDay(s.day)}
      </h3>
      {s.paper ? (
        <p>
          <a href={s.paper.url}>{s.paper.title}</a> <span class="tag">{t('study.schedule.votes', { votes: s.paper.votes })}</span>
          {s.paper.areaIds.map((a) => (
            <span class="tag area">{names.areas.get(a)}</span>
          ))}
          {s.lockPaper && <span class="tag">{t('study.schedule.locked')}</span>}
        </p>
      ) : (
        <p class="muted">{t('study.schedule.noPaper')}</p>
      )}
      <Role label={t('study.schedule.presenter')} personId={s.presenterId} left={s.presenterLeft} gap={t('study.schedule.gap.presenterLeft')} names={names} locked={s.lockPresenter} />
      <Role label={t('study.schedule.reviewer')} personId={s.reviewerId} left={s.reviewerLeft} gap={t('study.schedule.gap.reviewerLeft')} names={names} />
      {s.paper && <p class="muted schedule-why">{describeSession(s, names)}</p>}
      {!s.held && s.paper && <SessionEdits page={page} s={s} />}
    </li>
  );
}

export function SchedulePage(p: SchedulePageProps) {
  const gaps = p.sessions.some((s) => !s.held && (s.presenterLeft || s.reviewerLeft));
  const problems = [...p.unmet.map((u) => describeUnmet(u, p.names)), ...p.violations.map((v) => describeViolation(v, p.names))];
  return (
    <section class="stack schedule">
      <p>
        <a href={`/study/seasons/${p.season.id}`}>{t('study.schedule.back')}</a>
      </p>
      <h1>{t('study.schedule.title', { season: p.season.name })}</h1>
      <Status {...p} />
      <ErrorSummary errors={p.errors} />
      {p.dates.length === 0 ? (
        <EmptyState>{t('study.schedule.noDates')}</EmptyState>
      ) : (
        <p class="muted">{t('study.schedule.dates', { count: p.dates.length, dates: p.dates.map(sayDay).join(', ') })}</p>
      )}
      {gaps && (
        <p class="error-summary" role="status">
          {t('study.schedule.gap.replan')}
        </p>
      )}
      {p.dates.length > 0 && <PlanForm {...p} />}
      {p.season.scheduleStatus === 'draft' && (
        <form method="post" action={`${base(p)}/publish`} class="schedule-publish">
          <VersionInput version={p.season.scheduleVersion} />
          <button type="submit">{t('study.schedule.publish')}</button> <small class="hint">{t('study.schedule.publishHint')}</small>
        </form>
      )}
      {problems.length > 0 && (
        <div class="card">
          <h2>{t('study.schedule.unmet.title')}</h2>
          <ul>
            {problems.map((text) => (
              <li>{text}</li>
            ))}
          </ul>
        </div>
      )}
      {p.sessions.length === 0 ? (
        <EmptyState>{t('study.schedule.empty')}</EmptyState>
      ) : (
        <>
          <ol class="schedule-sessions">
            {p.sessions.map((s) => (
              <SessionCard page={p} s={s} />
            ))}
          </ol>
          <div class="row">
            <PairOfSessions {...p} kind="swap" />
            <PairOfSessions {...p} kind="move" />
          </div>
        </>
      )}
    </section>
  );
}
