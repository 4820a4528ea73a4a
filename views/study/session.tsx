// One study session: the paper, when, who presents and reviews, materials and notes, attendance and the evidence button.
import type { FieldErrors, FormValues } from '../../src/domain.ts';
import { ErrorSummary, VersionInput } from '../components.tsx';
import { formatDay, keyFor, t } from '../i18n/index.ts';
import { Field, TextArea } from '../ui/field.tsx';
import { ListTable } from '../ui/list-table.tsx';
import { evidenceText } from './evidence.tsx';

export type Mark = 'came' | 'excused' | 'missed';
const MARKS: Mark[] = ['came', 'excused', 'missed'];
const KINDS = ['slides', 'notes', 'recording'] as const;

export type SessionView = {
  id: number;
  seasonId: number;
  seasonNumber: number;
  seasonName: string;
  published: boolean;
  position: number;
  day: string;
  /** 'HH:MM' in the app's time zone. */
  start: string;
  end: string;
  paper: { title: string; url: string; authors: string; year: number | null; areas: Array<{ id: number; name: string }> } | null;
  presenter: { id: number; name: string } | null;
  reviewer: { id: number; name: string } | null;
  materials: Partial<Record<(typeof KINDS)[number], string>>;
  notes: string;
  version: number;
};

export type AttendeeView = { id: number; name: string; left: boolean; status: Mark | null };

export type SessionRights = {
  manager: boolean;
  materials: boolean;
  /** The marks the viewer may set on themself now ("I came" / "I can't come"). */
  ownMarks: Array<'came' | 'excused'>;
  participant: boolean;
  /** The session day has come (in the app's time zone). */
  begun: boolean;
  /** The viewer presents or reviews: their role and whether the evidence is on their card already. */
  evidence: { role: 'presenter' | 'reviewer'; added: boolean } | null;
};

export type SessionPageProps = {
  viewerId: number;
  session: SessionView;
  people: AttendeeView[];
  rights: SessionRights;
  form?: { values?: FormValues; errors?: FieldErrors };
  attendanceError?: string;
  evidenceError?: string;
};

const sentenceDay = (day: string) => formatDay(Date.parse(`${day}T00:00:00Z`));
const action = (s: SessionView, what: string) => `/study/sessions/${s.id}/${what}`;

export function SessionPage(p: SessionPageProps) {
  const s = p.session;
  return (
    <article class="st-session">
      <header>
        <p class="crumbs">
          <a href="/study">{t('nav.study')}</a> › <a href={`/study/seasons/${s.seasonId}`}>{s.seasonName}</a> ›
        </p>
        <p class="st-kicker">{t('study.session.heading', { season: s.seasonNumber, position: s.position })}</p>
        <h1>{s.paper ? <a href={s.paper.url} rel="noopener noreferrer">{s.paper.title}</a> : t('study.session.noPaper')}</h1>
        {!s.published && <p class="tag warn">{t('study.session.draft')}</p>}
        <Facts session={s} />
      </header>
      {p.rights.evidence && <EvidenceBox {...p} evidence={p.rights.evidence} />}
      <div class="grid2">
        <Materials {...p} />
        <Attendance {...p} />
      </div>
      <p>
        <a href="/study/calendar">{t('study.calendar.link')}</a>
      </p>
    </article>
  );
}

/** Why an action on this card was refused, announced where the action is. */
const Refusal = (p: { text?: string }) =>
  p.text ? (
    <p class="error-summary" role="alert">
      {p.text}
    </p>
  ) : null;

function Facts(p: { session: SessionView }) {
  const s = p.session;
  const fact = (label: string, value: string) => (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <dl class="facts">
      {fact(t('study.session.when'), t('study.session.time', { day: sentenceDay(s.day), start: s.start, end: s.end }))}
      {fact(t('study.session.presenter'), s.presenter?.name ?? t('study.session.nobody'))}
      {fact(t('study.session.reviewer'), s.reviewer?.name ?? t('study.session.nobody'))}
      {s.paper?.authors && fact(t('study.session.authors'), s.paper.authors)}
      {s.paper?.year && fact(t('study.session.year'), String(s.paper.year))}
      {s.paper && s.paper.areas.length > 0 && fact(t('study.session.areas'), s.paper.areas.map((a) => a.name).join(', '))}
    </dl>
  );
}

function EvidenceBox(p: SessionPageProps & { evidence: NonNullable<SessionRights['evidence']> }) {
  const s = p.session;
  const areas = s.paper?.areas.map((a) => a.name).join(', ') ?? '';
  const what = evidenceText({ role: p.evidence.role, paperTitle: s.paper?.title ?? '', seasonNumber: s.seasonNumber });
  return (
    <section class="card st-evidence-box" aria-labelledby="evidence-title">
      <h2 id="evidence-title">{t('study.evidence.title')}</h2>
      <Refusal text={p.evidenceError} />
      {!p.rights.begun ? (
        <p class="muted">{t('study.evidence.notYet', { day: sentenceDay(s.day) })}</p>
      ) : p.evidence.added ? (
        <p>
          <span class="tag ok">✓</span> {t('study.evidence.onCard')}
        </p>
      ) : (
        <form method="post" action={action(s, 'evidence')}>
          <p>{t('study.evidence.hint', { what, areas })}</p>
          <button type="submit">{t('study.evidence.add')}</button>
        </form>
      )}
    </section>
  );
}

function Materials(p: SessionPageProps) {
  const s = p.session;
  const links = KINDS.filter((k) => s.materials[k]);
  return (
    <section class="card" aria-labelledby="materials-title">
      <h2 id="materials-title">{t('study.session.materials')}</h2>
      {links.length === 0 ? (
        <p class="muted">{t('study.session.noMaterials')}</p>
      ) : (
        <ul class="plain st-links">
          {links.map((k) => (
            <li>
              <a href={s.materials[k]} rel="noopener noreferrer">
                {t(keyFor('study.session.material.', k))}
              </a>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('study.session.notes')}</h3>
      {s.notes ? <p class="prewrap">{s.notes}</p> : <p class="muted">{t('study.session.noNotes')}</p>}
      {p.rights.materials && (
        <details open={Boolean(p.form?.errors)}>
          <summary>{t('study.session.edit')}</summary>
          <form method="post" action={action(s, 'materials')} class="stack">
            <ErrorSummary errors={p.form?.errors} />
            <VersionInput version={s.version} />
            {KINDS.map((k) => (
              <Field name={k} type="url" label={t(keyFor('study.session.material.', k))} value={s.materials[k]} values={p.form?.values} errors={p.form?.errors} hint={t('study.session.linkHint')} />
            ))}
            <TextArea name="sessionNotes" label={t('study.session.notes')} value={s.notes} values={p.form?.values} errors={p.form?.errors} hint={t('study.session.notesHint')} rows={4} />
            <button type="submit">{t('study.session.save')}</button>
          </form>
        </details>
      )}
    </section>
  );
}

function Attendance(p: SessionPageProps) {
  const s = p.session;
  const count = (status: Mark | null) => p.people.filter((a) => a.status === status).length;
  return (
    <section class="card" aria-labelledby="attendance-title">
      <h2 id="attendance-title">{t('study.attendance.title')}</h2>
      <Refusal text={p.attendanceError} />
      {p.rights.ownMarks.length > 0 && (
        <div class="st-own-marks">
          {p.rights.ownMarks.map((mark) => (
            <MarkForm session={s} userId={p.viewerId} mark={mark} label={t(keyFor('study.attendance.mark.', mark))} />
          ))}
        </div>
      )}
      {p.rights.participant && !p.rights.begun && <p class="muted small">{t('study.attendance.beforeDay')}</p>}
      {p.people.length === 0 ? (
        <p class="empty">{t('study.attendance.empty')}</p>
      ) : (
        <>
          <p class="st-counts">{t('study.attendance.counts', { came: count('came'), excused: count('excused'), missed: count('missed'), unmarked: count(null) })}</p>
          <ListTable label={t('study.attendance.title')} columns={[{ label: t('study.attendance.person') }, { label: t('study.attendance.status') }]}>
            {p.people.map((a) => (
              <tr>
                <th scope="row">
                  {a.name}
                  {a.left && <span class="tag">{t('study.attendance.left')}</span>}
                </th>
                <td>
                  <span class={`tag st-mark-${a.status ?? 'none'}`}>{t(keyFor('study.attendance.status.', a.status ?? 'none'))}</span>
                  {p.rights.manager && !a.left && <ManagerMark session={s} person={a} />}
                </td>
              </tr>
            ))}
          </ListTable>
        </>
      )}
    </section>
  );
}

/** One button that sets the viewer's own mark. */
function MarkForm(p: { session: SessionView; userId: number; mark: Mark; label: string }) {
  return (
    <form method="post" action={action(p.session, 'attendance')} class="inline">
      <input type="hidden" name="userId" value={String(p.userId)} />
      <input type="hidden" name="status" value={p.mark} />
      <button type="submit" class={p.mark === 'came' ? undefined : 'secondary'}>
        {p.label}
      </button>
    </form>
  );
}

function ManagerMark(p: { session: SessionView; person: AttendeeView }) {
  const id = `mark-${p.person.id}`;
  return (
    <form method="post" action={action(p.session, 'attendance')} class="st-mark-form">
      <input type="hidden" name="userId" value={String(p.person.id)} />
      <label for={id} class="visually-hidden">
        {t('study.attendance.markFor', { name: p.person.name })}
      </label>
      <select id={id} name="status">
        {MARKS.map((m) => (
          <option value={m} selected={m === (p.person.status ?? 'came')}>
            {t(keyFor('study.attendance.status.', m))}
          </option>
        ))}
      </select>
      <button type="submit" class="secondary">
        {t('study.attendance.set')}
      </button>
    </form>
  );
}
