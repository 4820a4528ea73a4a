// One rating as a table cell (the matrix and the stat card share it), its inline editor and the conflict view.
import { raw } from 'hono/html';
import type { FieldErrors, FormValues } from '../../src/domain.ts';
import { ConflictView, ErrorSummary } from '../components.tsx';
import { formatDate, keyFor, t } from '../i18n/index.ts';
import { escapeHtml } from '../ui/escape.ts';
import { Field, Select } from '../ui/field.tsx';
import { StudyEvidenceList, type StudyEvidenceItem } from '../study/evidence.tsx';

export type CellView = 'matrix' | 'card';

/** What a matrix cell shows of a rating: the levels, the effective level and its marks (computed by the route). */
export type MatrixCellRating = {
  selfLevel: number | null;
  managerLevel: number | null;
  /** The effective level. */
  level: number | null;
  disagree: boolean;
  grows: boolean;
  /** Days since it was confirmed, when it is stale. */
  staleDays: number | null;
};

/** What a card cell and the editor show of a rating. */
export type CellRating = MatrixCellRating & {
  interest: number | null;
  evidence: string;
  evidenceParts: Array<{ text: string; href?: string }>;
  /** Null when the viewer may not read it. */
  managerNote: string | null;
  confirmedAt: number;
  version: number;
};

export type CellProps = {
  member: { id: number; name: string; active: boolean };
  /** `rubric`: the area's own six level names, or null. */
  area: { id: number; name: string; rubric: string[] | null; archivedAt: number | null };
  rating: CellRating | undefined;
  /** What the viewer may change of this member's rating. */
  rights: { self: boolean; manager: boolean };
  /** Where the plain (no-JS) forms return to. */
  back: string;
  view: CellView;
  /** On the stat card: the sessions the member presented or reviewed in this area (study evidence). */
  study?: StudyEvidenceItem[];
};

const cellId = (memberId: number, areaId: number) => `r-${memberId}-${areaId}`;

/** The address of a cell (or its edit form / confirm action) carrying the view and the way back. */
export function cellUrl(memberId: number, areaId: number, suffix: '' | '/edit' | '/confirm', p: { view: CellView; back: string }) {
  const q = new URLSearchParams({ view: p.view, back: p.back });
  return `/members/${memberId}/ratings/${areaId}${suffix}?${q}`;
}

/** May the viewer open the editor of this cell? Archived areas and inactive members are read-only. */
function cellEditable(p: Pick<CellProps, 'member' | 'area' | 'rights'>) {
  return (p.rights.self || p.rights.manager) && p.member.active && p.area.archivedAt === null;
}

/** Level names of an area: its own rubric where it has one, the default words otherwise. */
function levelNames(area: { rubric: string[] | null }): string[] {
  return [0, 1, 2, 3, 4, 5].map((l) => area.rubric?.[l] || t(keyFor('level.', l)));
}

const levelText = (v: number | null) => (v === null ? t('rating.notSet') : String(v));
const interestText = (v: number | null) => (v === null ? t('rating.notSet') : `${v} · ${t(keyFor('interest.', v))}`);

/** Text marks with a screen-reader sentence each: disagreement, high interest, staleness. */
function Marks(p: { rating: MatrixCellRating | undefined }) {
  const r = p.rating;
  if (!r) return null;
  const marks: Array<[string, string, string]> = [];
  if (r.disagree) marks.push(['m-disagree', '≠', t('rating.disagree', { self: String(r.selfLevel), manager: String(r.managerLevel) })]);
  if (r.grows) marks.push(['m-grow', '↑', t('rating.highInterest')]);
  if (r.staleDays !== null) marks.push(['m-stale', '↻', t('rating.staleSince', { days: r.staleDays })]);
  if (marks.length === 0) return null;
  return (
    <span class="mx-marks">
      {marks.map(([cls, symbol, label]) => (
        <span class={`mx-mark ${cls}`} title={label}>
          <span aria-hidden="true">{symbol}</span>
          <span class="sr">{label}</span>
        </span>
      ))}
    </span>
  );
}

/** Evidence with http(s) links made clickable (rel=noopener); everything else stays text. */
/** The evidence a member earned in study sessions ("presented *SimCSE*, season 3"), each linking to its session. */
function StudyFact(p: { items: StudyEvidenceItem[] }) {
  return (
    <div class="wide">
      <dt>{t('study.evidence.fromStudy')}</dt>
      <dd>
        <StudyEvidenceList items={p.items} />
      </dd>
    </div>
  );
}

export function Evidence(p: { parts: Array<{ text: string; href?: string }> }) {
  return (
    <>
      {p.parts.map((part) =>
        part.href ? (
          <a href={part.href} rel="noopener noreferrer">
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </>
  );
}

/**
 * The words a matrix cell may need, looked up once per page rather than once per cell; the sentences with a
 * number are kept per number for the page (a page repeats the same few day counts and level pairs).
 */
export type CellWords = { unrated: string; highInterest: string; you: string; disagree: (r: MatrixCellRating) => string; stale: (days: number) => string };
export function cellWords(): CellWords {
  const disagree = new Map<string, string>();
  const stale = new Map<number, string>();
  return {
    unrated: escapeHtml(t('matrix.legendUnrated')),
    highInterest: escapeHtml(t('rating.highInterest')),
    you: escapeHtml(t('matrix.you')),
    disagree: (r) => {
      const key = `${r.selfLevel}/${r.managerLevel}`;
      let words = disagree.get(key);
      if (words === undefined) disagree.set(key, (words = escapeHtml(t('rating.disagree', { self: String(r.selfLevel), manager: String(r.managerLevel) }))));
      return words;
    },
    stale: (days) => {
      let words = stale.get(days);
      if (words === undefined) stale.set(days, (words = escapeHtml(t('rating.staleSince', { days }))));
      return words;
    },
  };
}

/** The short address of a matrix cell's editor; the view and the way back come from the table (htmx) or the Referer (no JS). */
const matrixEditUrl = (memberId: number, areaId: number) => `/members/${memberId}/ratings/${areaId}/edit`;

/**
 * One matrix cell as a short string (the matrix renders thousands of them): the colour class, the level
 * as a link to the editor (or plain text when read-only), and a mark with its words only where one
 * applies. Editing in place is delegated: the table body boosts these links into the cell (see
 * `MatrixResults`), so a cell carries no htmx attributes and no way-back parameter.
 */
export function matrixCellHtml(memberId: number, areaId: number, r: MatrixCellRating | undefined, editable: boolean, words: CellWords): string {
  const level = r ? r.level : null;
  const inner = level === null ? `<span aria-hidden="true">–</span><span class="sr">${words.unrated}</span>` : String(level);
  const lvl = editable ? `<a class="lvl" href="${matrixEditUrl(memberId, areaId)}">${inner}</a>` : `<span class="lvl">${inner}</span>`;
  let marks = '';
  const stale = r !== undefined && r.staleDays !== null;
  if (r) {
    if (r.disagree) marks += markHtml('m-disagree', '≠', words.disagree(r));
    if (r.grows) marks += markHtml('m-grow', '↑', words.highInterest);
    if (r.staleDays !== null) marks += markHtml('m-stale', '↻', words.stale(r.staleDays));
  }
  return `<td class="cell ${level === null ? 'unrated' : `l${level}`}${stale ? ' stale' : ''}">${lvl}${marks && `<span class="mx-marks">${marks}</span>`}</td>`;
}

const markHtml = (cls: string, symbol: string, label: string) => `<span class="mx-mark ${cls}" title="${label}"><span aria-hidden="true">${symbol}</span><span class="sr">${label}</span></span>`;

/** The display state of a cell (what GET …/ratings/:areaId returns, and what a save swaps back in). */
export function RatingCell(p: CellProps) {
  const level = p.rating?.level ?? null;
  const editable = cellEditable(p);
  const editHref = cellUrl(p.member.id, p.area.id, '/edit', p);
  const levelClass = level === null ? 'unrated' : `l${level}`;
  const number = level === null ? '–' : String(level);
  const stale = p.rating && p.rating.staleDays !== null;
  if (p.view === 'matrix') return raw(matrixCellHtml(p.member.id, p.area.id, p.rating, editable, cellWords()));
  const r = p.rating;
  const note = r && r.managerNote;
  const study = p.study ?? [];
  return (
    <td id={cellId(p.member.id, p.area.id)} class="card-cell">
      <div class="card-level">
        <span class={`mx-badge ${levelClass}`}>{number}</span>
        <span>{level === null ? t('matrix.legendUnrated') : levelNames(p.area)[level]}</span>
        <Marks rating={r} />
      </div>
      {!r && study.length > 0 && (
        <dl class="mx-facts">
          <StudyFact items={study} />
        </dl>
      )}
      {r && (
        <dl class="mx-facts">
          <div>
            <dt>{t('rating.selfOf')}</dt>
            <dd>{levelText(r.selfLevel)}</dd>
          </div>
          <div>
            <dt>{t('rating.manager')}</dt>
            <dd>{levelText(r.managerLevel)}</dd>
          </div>
          <div>
            <dt>{t('rating.interest')}</dt>
            <dd>{interestText(r.interest)}</dd>
          </div>
          {r.evidence && (
            <div class="wide">
              <dt>{t('rating.evidenceShort')}</dt>
              <dd>
                <Evidence parts={r.evidenceParts} />
              </dd>
            </div>
          )}
          {study.length > 0 && <StudyFact items={study} />}
          {note && (
            <div class="wide">
              <dt>{t('rating.managerNoteShort')}</dt>
              <dd>{r.managerNote}</dd>
            </div>
          )}
        </dl>
      )}
      <div class="cell-actions">
        {r && (
          <span class={stale ? 'tag warn' : 'muted'}>
            {stale ? t('rating.staleSince', { days: r.staleDays! }) : t('card.confirmedOn', { date: formatDate(r.confirmedAt) })}
          </span>
        )}
        {editable && stale && r && <ConfirmButton {...p} rating={r} />}
        {editable && (
          <a href={editHref} hx-get={editHref} hx-target="closest td" hx-swap="outerHTML">
            {t('common.edit')}
            <span class="sr"> {t('rating.edit', { area: p.area.name, name: p.member.name })}</span>
          </a>
        )}
      </div>
    </td>
  );
}

/** "Still true": one click confirms a stale rating unchanged. */
function ConfirmButton(p: CellProps & { rating: CellRating }) {
  const action = cellUrl(p.member.id, p.area.id, '/confirm', p);
  return (
    <form method="post" action={action} hx-post={action} hx-target="closest td" hx-swap="outerHTML" class="inline">
      <input type="hidden" name="version" value={String(p.rating.version)} />
      <button type="submit" class="secondary small" title={t('rating.confirmLabel', { area: p.area.name })}>
        {t('rating.confirm')}
        <span class="sr"> {t('rating.confirmLabel', { area: p.area.name })}</span>
      </button>
    </form>
  );
}

export type EditorProps = CellProps & { values?: FormValues; errors?: FieldErrors };

/**
 * The rating form. Inline (in a cell, htmx) it posts back into the cell; as a page it is a plain
 * form that redirects to `back`. Only the fields the viewer may change are present.
 */
export function RatingForm(p: EditorProps & { inline: boolean }) {
  const { rights } = p;
  const r = p.rating;
  const key = `${p.member.id}-${p.area.id}`;
  const action = `/members/${p.member.id}/ratings/${p.area.id}`;
  const names = levelNames(p.area);
  const levelOptions = names.map((name, l) => ({ value: l, label: `${l} · ${name}` }));
  const interestOptions = [0, 1, 2, 3].map((i) => ({ value: i, label: `${i} · ${t(keyFor('interest.', i))}` }));
  const hx = p.inline ? { 'hx-post': action, 'hx-target': 'closest td', 'hx-swap': 'outerHTML' } : {};
  const cancelHref = p.inline ? cellUrl(p.member.id, p.area.id, '', p) : p.back;
  const stale = r && r.staleDays !== null;
  const confirmAction = cellUrl(p.member.id, p.area.id, '/confirm', p);
  return (
    <form method="post" action={action} class={p.inline ? 'cell-form' : 'stack card'} data-cancel {...hx}>
      {p.inline && (
        <p class="cell-form-title">
          <strong>{p.area.name}</strong> · {p.member.name}
        </p>
      )}
      <ErrorSummary errors={p.errors} />
      <input type="hidden" name="version" value={r ? String(r.version) : ''} />
      <input type="hidden" name="back" value={p.back} />
      <input type="hidden" name="view" value={p.view} />
      {rights.self && (
        <>
          <Select id={`selfLevel-${key}`} name="selfLevel" label={t('rating.self')} value={r?.selfLevel} values={p.values} errors={p.errors} options={levelOptions} blank={t('rating.notSet')} />
          <Select id={`interest-${key}`} name="interest" label={t('rating.interest')} value={r?.interest} values={p.values} errors={p.errors} options={interestOptions} blank={t('rating.notSet')} />
          <Field id={`evidence-${key}`} name="evidence" label={t('rating.evidence')} value={r?.evidence} values={p.values} errors={p.errors} hint={p.inline ? undefined : t('rating.evidenceHint')} />
        </>
      )}
      {rights.manager && (
        <>
          {!rights.self && r && (
            <p class="muted small">
              {t('rating.selfOf')}: {levelText(r.selfLevel)} · {t('rating.interest')}: {interestText(r.interest)}
            </p>
          )}
          <Select id={`managerLevel-${key}`} name="managerLevel" label={t('rating.manager')} value={r?.managerLevel} values={p.values} errors={p.errors} options={levelOptions} blank={t('rating.noCalibration')} />
          <Field id={`managerNote-${key}`} name="managerNote" label={t('rating.managerNote')} value={r?.managerNote} values={p.values} errors={p.errors} />
        </>
      )}
      <div class="form-buttons">
        <button type="submit">{t('common.save')}</button>
        {stale && (
          <button type="submit" class="secondary" formaction={confirmAction} {...(p.inline ? { 'hx-post': confirmAction, 'hx-target': 'closest td', 'hx-swap': 'outerHTML' } : {})}>
            {t('rating.confirm')}
          </button>
        )}
        <a class="cancel" href={cancelHref} {...(p.inline ? { 'hx-get': cancelHref, 'hx-target': 'closest td', 'hx-swap': 'outerHTML' } : {})}>
          {t('common.cancel')}
        </a>
      </div>
    </form>
  );
}

/** The editor inside the cell it replaces (htmx). */
export function RatingEditorCell(p: EditorProps) {
  return (
    <td id={cellId(p.member.id, p.area.id)} class="cell editing">
      <RatingForm {...p} inline />
    </td>
  );
}

/** The rating fields present in `r` (those a form sent, or a whole rating), for two versions side by side. */
export function describeRating(r: Partial<Record<'selfLevel' | 'interest' | 'evidence' | 'managerLevel' | 'managerNote', string | number | null>>, seesNote: boolean): Array<[string, string]> {
  const show = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? t('rating.notSet') : String(v));
  const labels = [
    ['selfLevel', t('rating.selfOf')],
    ['interest', t('rating.interest')],
    ['evidence', t('rating.evidenceShort')],
    ['managerLevel', t('rating.manager')],
    ['managerNote', t('rating.managerNoteShort')],
  ] as const;
  return labels.filter(([k]) => k in r && (k !== 'managerNote' || seesNote)).map(([k, label]) => [label, show(r[k])]);
}

/** A stale save inside the cell: both versions, and a way to edit again from the current one. */
export function ConflictCell(p: CellProps & { yours: Array<[string, string]>; current: Array<[string, string]> }) {
  return (
    <td id={cellId(p.member.id, p.area.id)} class="cell editing">
      <ConflictView yours={p.yours} current={p.current} backHref={cellUrl(p.member.id, p.area.id, '/edit', p)} />
    </td>
  );
}
