// The import preview: what a CSV file would add, change, leave alone and reject, and the confirm form.
import { EmptyState } from '../components.tsx';
import { t } from '../i18n/index.ts';
import { ListTable } from '../ui/list-table.tsx';
import { ImportForm } from './page.tsx';

type CellChange = { userId: number; areaName: string; level?: { from: number | null; to: number }; interest?: { from: number | null; to: number } };
type RowReason =
  | { code: 'shortRow'; found: number; expected: number }
  | { code: 'noEmail' }
  | { code: 'duplicateEmail'; email: string; lines: number[] }
  | { code: 'unknownEmail'; email: string }
  | { code: 'badValue'; column: string; min: number; max: number; value: string };
type RowResult = { line: number; email: string; name: string; reasons: RowReason[] };
type ImportProblem = { code: 'empty' } | { code: 'duplicateColumns'; columns: string[] } | { code: 'missingColumns'; columns: string[] };

/** The sentence for why a whole file is refused. */
export function importProblemText(p: ImportProblem): string {
  switch (p.code) {
    case 'empty':
      return t('matrix.importEmpty');
    case 'duplicateColumns':
      return t('matrix.importDuplicateColumns', { columns: p.columns.join(', ') });
    case 'missingColumns':
      return t('matrix.importMissingColumns', { columns: p.columns.join(', ') });
  }
}

function reasonText(r: RowReason): string {
  switch (r.code) {
    case 'shortRow':
      return t('matrix.importShortRow', { found: r.found, expected: r.expected });
    case 'noEmail':
      return t('matrix.importNoEmail');
    case 'duplicateEmail':
      return t('matrix.importDuplicateEmail', { email: r.email, lines: r.lines.join(', ') });
    case 'unknownEmail':
      return t('matrix.importUnknownEmail', { email: r.email });
    case 'badValue':
      return t('matrix.importBadValue', { column: r.column, min: r.min, max: r.max, value: r.value });
  }
}

/** Rejected rows shown in full; more are counted (a 10 MB file of junk must not make a 10 MB page). */
const REJECTED_SHOWN = 200;

const show = (v: number | null) => (v === null ? t('rating.notSet') : String(v));

function ChangeText(p: { change: CellChange }) {
  const c = p.change;
  const parts: string[] = [];
  if (c.level) parts.push(t('matrix.importLevel', { from: show(c.level.from), to: c.level.to }));
  if (c.interest) parts.push(t('matrix.importInterest', { from: show(c.interest.from), to: c.interest.to }));
  return <>{parts.join('; ')}</>;
}

function ChangeTable(p: { changes: CellChange[]; names: Map<number, string>; caption: string }) {
  return (
    <ListTable caption={p.caption} label={p.caption} columns={[{ label: t('matrix.member') }, { label: t('card.area') }, { label: t('matrix.importWhat') }]}>
      {p.changes.map((c) => (
        <tr>
          <td>{p.names.get(c.userId)}</td>
          <td>{c.areaName}</td>
          <td>
            <ChangeText change={c} />
          </td>
        </tr>
      ))}
    </ListTable>
  );
}

export function ImportPreview(p: {
  added: CellChange[];
  changed: CellChange[];
  unchanged: RowResult[];
  rejected: RowResult[];
  ignoredColumns: string[];
  names: Map<number, string>;
  stamp: string;
  /** The writes the confirm form carries. */
  apply: Array<{ userId: number; areaId: number; managerLevel?: number; interest?: number }>;
  fileName: string;
}) {
  const nothing = p.apply.length === 0;
  return (
    <section class="import-preview">
      <h1>{t('matrix.importTitle')}</h1>
      <p class="muted">{t('matrix.importSummary', { file: p.fileName, added: p.added.length, changed: p.changed.length, unchanged: p.unchanged.length, rejected: p.rejected.length })}</p>
      <p class="muted small">{t('matrix.importSemantics')}</p>
      {p.ignoredColumns.length > 0 && <p class="flash flash-error">{t('matrix.importIgnoredColumns', { columns: p.ignoredColumns.join(', ') })}</p>}

      <h2>
        {t('matrix.importAdded')} <span class="tag ok">{p.added.length}</span>
      </h2>
      {p.added.length ? <ChangeTable changes={p.added} names={p.names} caption={t('matrix.importAdded')} /> : <p class="muted">{t('common.none')}</p>}

      <h2>
        {t('matrix.importChanged')} <span class="tag warn">{p.changed.length}</span>
      </h2>
      {p.changed.length ? <ChangeTable changes={p.changed} names={p.names} caption={t('matrix.importChanged')} /> : <p class="muted">{t('common.none')}</p>}

      <h2>
        {t('matrix.importUnchanged')} <span class="tag">{p.unchanged.length}</span>
      </h2>
      {p.unchanged.length ? <p>{p.unchanged.map((r) => r.name || r.email).join(', ')}</p> : <p class="muted">{t('common.none')}</p>}

      <h2>
        {t('matrix.importRejected')} <span class="tag bad">{p.rejected.length}</span>
      </h2>
      {p.rejected.length ? (
        <ListTable
          label={t('matrix.importRejected')}
          columns={[{ label: t('matrix.importRow'), num: true }, { label: t('common.email') }, { label: t('matrix.importReasons') }]}
          after={p.rejected.length > REJECTED_SHOWN && <p class="muted small pad">{t('matrix.importMoreRejected', { count: p.rejected.length - REJECTED_SHOWN })}</p>}
        >
          {p.rejected.slice(0, REJECTED_SHOWN).map((r) => (
            <tr>
              <td class="num">{r.line}</td>
              <td>{r.email || t('common.none')}</td>
              <td>
                <ul class="mx-reasons">
                  {r.reasons.map((reason) => (
                    <li>{reasonText(reason)}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </ListTable>
      ) : (
        <p class="muted">{t('common.none')}</p>
      )}

      {nothing ? (
        <EmptyState>
          {t('matrix.importNothing')} <a href="/matrix">{t('common.back')}</a>
        </EmptyState>
      ) : (
        <form method="post" action="/matrix/import/confirm" class="card stack confirm-import">
          <input type="hidden" name="stamp" value={p.stamp} />
          <input type="hidden" name="changes" value={JSON.stringify(p.apply)} />
          <p>{t('matrix.importConfirmText', { count: p.apply.length })}</p>
          <div class="form-buttons">
            <button type="submit">{t('matrix.importConfirm')}</button>
            <a href="/matrix">{t('common.cancel')}</a>
          </div>
        </form>
      )}
    </section>
  );
}

/** A file refused as a whole (too big, unreadable, missing columns): the reason and the upload form again. */
export function ImportRefused(p: { problem: string }) {
  return (
    <section class="narrow">
      <h1>{t('matrix.importTitle')}</h1>
      <div class="error-summary" role="alert">
        <strong>{t('matrix.importRefused')}</strong>
        <p>{p.problem}</p>
      </div>
      <ImportForm error={p.problem} />
      <p>
        <a href="/matrix">{t('common.back')}</a>
      </p>
    </section>
  );
}

/** The confirm step found the matrix changed since the preview: nothing was written. */
export function ImportStale() {
  return (
    <section class="narrow conflict" role="alert">
      <h1>{t('errors.conflict')}</h1>
      <p>{t('matrix.importStale')}</p>
      <p>
        <a href="/matrix">{t('common.back')}</a>
      </p>
    </section>
  );
}
