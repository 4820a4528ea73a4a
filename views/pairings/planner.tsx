// The planner form (who, which areas, goal weights, odd head-count, locks and forbids) and the draft proposal with swap and accept.
import { MAX_GOAL_WEIGHT, type FieldErrors, type FormValues } from '../../src/domain.ts';
import { EmptyState, ErrorSummary, TextArea, VersionInput } from '../components.tsx';
import { formatDateTime, t } from '../i18n/index.ts';
import { formatScore, GroupList, membersText, nameOf } from './groups.tsx';
import { Participants, WhoForm, type ParticipantsView } from './participants.tsx';
import type { Names, RoundView } from './props.ts';

/** What the planner form shows: raw strings, so a rejected form comes back exactly as typed. */
export type PlannerState = {
  present: string[];
  areas: string[];
  mentoring: string;
  rotation: string;
  coverage: string;
  trackRecord: string;
  odd: string;
  locks: Array<[string, string]>;
  forbids: Array<[string, string]>;
  weightsVersion: string;
};

/** How a pair picker names a person (the name, or "name (email)" when the name is not unique), in display order. */
export type PlannerPerson = string;
export type PlannerArea = { id: number; name: string };

/** Rows of pair pickers: enough for what is filled in plus at least one empty row. */
const MIN_PAIR_ROWS = 1;

const GOALS = ['mentoring', 'rotation', 'coverage', 'trackRecord'] as const;

function FieldError(p: { errors?: FieldErrors; name: string }) {
  const e = p.errors?.[p.name];
  return e ? (
    <small class="error" id={`planner-${p.name}-msg`}>
      {e}
    </small>
  ) : null;
}

/** The one list of names every pair picker suggests from (a datalist: it works without JavaScript). */
const PEOPLE_LIST = 'planner-people';

function PairRows(p: { kind: 'lock' | 'forbid'; rows: Array<[string, string]>; errors?: FieldErrors }) {
  const field = p.kind === 'lock' ? 'locks' : 'forbids';
  const filled = p.rows.filter(([a, b]) => a !== '' || b !== '');
  const rows = [...filled];
  while (rows.length < Math.max(MIN_PAIR_ROWS, filled.length + 1)) rows.push(['', '']);
  const picker = (name: string, value: string, label: string) => (
    <input
      type="text"
      name={name}
      value={value}
      list={PEOPLE_LIST}
      autocomplete="off"
      placeholder={t('pairings.typeName')}
      aria-label={label}
      aria-invalid={p.errors?.[field] ? 'true' : undefined}
    />
  );
  return (
    <fieldset class={p.errors?.[field] ? 'pair-rows has-error' : 'pair-rows'} aria-describedby={p.errors?.[field] ? `planner-${field}-msg` : undefined}>
      <legend>{t(`pairings.${field}.legend`)}</legend>
      <small class="hint">{t(`pairings.${field}.hint`)}</small>
      {rows.map(([a, b], i) => (
        <div class="pair-row">
          {picker(`${p.kind}A`, a, t(`pairings.${field}.first`, { n: i + 1 }))}
          <span aria-hidden="true">{p.kind === 'lock' ? '＋' : '≠'}</span>
          {picker(`${p.kind}B`, b, t(`pairings.${field}.second`, { n: i + 1 }))}
        </div>
      ))}
      <FieldError errors={p.errors} name={field} />
    </fieldset>
  );
}

/** Tick-boxes as chips: which areas the round uses. */
function AreaChips(p: { items: Array<{ id: number; name: string }>; checked: string[]; errors?: FieldErrors }) {
  return (
    <fieldset class={p.errors?.areas ? 'chips has-error' : 'chips'}>
      <legend>{t('pairings.areas.legend')}</legend>
      <small class="hint">{t('pairings.areas.hint')}</small>
      <div class="chip-list">
        {p.items.map((item) => (
          <label class="chip area">
            <input type="checkbox" name="areas" value={String(item.id)} checked={p.checked.includes(String(item.id))} />
            <span class="chip-name">{item.name}</span>
          </label>
        ))}
      </div>
      <FieldError errors={p.errors} name="areas" />
    </fieldset>
  );
}

export function PlannerForm(p: { people: PlannerPerson[]; participants: ParticipantsView; areas: PlannerArea[]; state: PlannerState; errors?: FieldErrors }) {
  const { state, errors } = p;
  return (
    <form
      id="planner-form"
      method="post"
      action="/pairings/propose"
      hx-post="/pairings/propose"
      hx-target="#planner"
      hx-swap="outerHTML"
      hx-indicator="#propose-busy"
      class="card stack planner-form"
      novalidate
    >
      <h2>{t('pairings.plan')}</h2>
      <ErrorSummary errors={errors} />
      <input type="hidden" name="weightsVersion" value={state.weightsVersion} />
      <Participants list={p.participants} errors={errors} />
      <AreaChips items={p.areas} checked={state.areas} errors={errors} />
      <fieldset>
        <legend>{t('pairings.weights.legend')}</legend>
        <div class="weights">
          {GOALS.map((goal) => (
            <div class={errors?.[goal] ? 'field has-error' : 'field'}>
              <label for={`planner-${goal}`}>{t(`pairings.weights.${goal}`)}</label>
              <input
                id={`planner-${goal}`}
                name={goal}
                type="number"
                inputmode="decimal"
                min={0}
                max={MAX_GOAL_WEIGHT}
                step="any"
                value={state[goal]}
                aria-invalid={errors?.[goal] ? 'true' : undefined}
                aria-describedby={`planner-${goal}-msg`}
              />
              <small id={`planner-${goal}-msg`} class={errors?.[goal] ? 'error' : 'hint'}>
                {errors?.[goal] ?? t(`pairings.weights.${goal}Hint`)}
              </small>
            </div>
          ))}
        </div>
      </fieldset>
      <fieldset class={errors?.odd ? 'has-error' : undefined}>
        <legend>{t('pairings.odd.legend')}</legend>
        <div class="radio-row">
          {(['trio', 'solo'] as const).map((mode) => (
            <label>
              <input type="radio" name="odd" value={mode} checked={state.odd === mode} /> {t(`pairings.odd.${mode}`)}
            </label>
          ))}
        </div>
        <FieldError errors={errors} name="odd" />
      </fieldset>
      <div class="pair-constraints">
        <PairRows kind="lock" rows={state.locks} errors={errors} />
        <PairRows kind="forbid" rows={state.forbids} errors={errors} />
        <datalist id={PEOPLE_LIST}>
          {p.people.map((label) => (
            <option value={label}></option>
          ))}
        </datalist>
      </div>
      <div class="planner-actions">
        <button type="submit">{t('pairings.propose')}</button>
        <span id="propose-busy" class="htmx-indicator" role="status">
          <span class="spinner" aria-hidden="true"></span> {t('pairings.proposing')}
        </span>
      </div>
    </form>
  );
}

/** A rejected small form: what was typed and the message per field. */
type FormState = { values?: FormValues; errors?: FieldErrors };

/** The draft round: its groups with scores and reasons, a swap form and the accept form. */
export function ProposalView(p: { round: RoundView | null; names: Names; swap?: FormState; accept?: FormState }) {
  const { round, names } = p;
  if (!round) {
    return (
      <section id="proposal" class="proposal" aria-live="polite">
        <h2>{t('pairings.proposal')}</h2>
        <EmptyState>{t('pairings.noProposal')}</EmptyState>
      </section>
    );
  }
  const total = round.groups.reduce((sum, g) => sum + g.scoreUnits, 0);
  const people = round.groups.flatMap((g, i) => g.members.map((m) => ({ id: m.userId, group: i })));
  const swapValue = (name: string) => p.swap?.values?.[name] ?? '';
  const swapSelect = (name: 'a' | 'b', label: string) => (
    <div class={p.swap?.errors?.[name] ? 'field has-error' : 'field'}>
      <label for={`swap-${name}`}>{label}</label>
      <select id={`swap-${name}`} name={name} aria-invalid={p.swap?.errors?.[name] ? 'true' : undefined}>
        <option value="">{t('pairings.pickPerson')}</option>
        {round.groups.map((g, i) => (
          <optgroup label={t('pairings.groupOption', { n: i + 1, members: membersText(g, names) })}>
            {people
              .filter((x) => x.group === i)
              .map((x) => (
                <option value={String(x.id)} selected={swapValue(name) === String(x.id)}>
                  {nameOf(names, x.id)}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
      {p.swap?.errors?.[name] && <small class="error">{p.swap.errors[name]}</small>}
    </div>
  );
  return (
    <section id="proposal" class="proposal" aria-live="polite">
      <div class="proposal-head">
        <h2>
          {t('pairings.proposal')} <span class="tag warn">{t('pairings.status.draft')}</span>
        </h2>
        <p class="proposal-total">
          {t('pairings.total')} <strong>{formatScore(total)}</strong>
        </p>
      </div>
      <p class="muted">
        {t('pairings.proposedBy', { name: nameOf(names, round.createdBy), date: formatDateTime(round.createdAt), groups: round.groups.length })}
      </p>
      {round.settings.boundUnits !== undefined && (
        <p class="notice" role="note">
          {t('pairings.timeLimit', { gap: formatScore(round.settings.boundUnits - total) })}
        </p>
      )}
      <GroupList groups={round.groups} names={names} showScore id="proposal-groups" />
      <div class="proposal-actions">
        <form
          method="post"
          action={`/pairings/rounds/${round.id}/swap`}
          hx-post={`/pairings/rounds/${round.id}/swap`}
          hx-target="#proposal"
          hx-swap="outerHTML"
          hx-indicator="#swap-busy"
          class="card stack swap-form"
        >
          <h3>{t('pairings.swap.title')}</h3>
          <ErrorSummary errors={p.swap?.errors} />
          <VersionInput version={round.version} />
          <div class="swap-pickers">
            {swapSelect('a', t('pairings.swap.a'))}
            {swapSelect('b', t('pairings.swap.b'))}
          </div>
          <div class="planner-actions">
            <button type="submit" class="secondary">
              {t('pairings.swap.submit')}
            </button>
            <span id="swap-busy" class="htmx-indicator" role="status">
              <span class="spinner" aria-hidden="true"></span> {t('common.loading')}
            </span>
          </div>
        </form>
        <form method="post" action={`/pairings/rounds/${round.id}/accept`} class="card stack accept-form">
          <h3>{t('pairings.accept.title')}</h3>
          <ErrorSummary errors={p.accept?.errors} />
          <VersionInput version={round.version} />
          <TextArea name="note" label={t('pairings.accept.note')} rows={2} values={p.accept?.values} errors={p.accept?.errors} />
          <div>
            <button type="submit">{t('pairings.accept.submit')}</button>
          </div>
        </form>
      </div>
    </section>
  );
}

/** The form and the draft together: what a proposal (htmx) replaces as a whole. */
export function Planner(p: {
  people: PlannerPerson[];
  participants: ParticipantsView;
  areas: PlannerArea[];
  state: PlannerState;
  errors?: FieldErrors;
  draft: RoundView | null;
  names: Names;
  swap?: FormState;
  accept?: FormState;
}) {
  return (
    <div id="planner" class="planner">
      <WhoForm />
      <PlannerForm people={p.people} participants={p.participants} areas={p.areas} state={p.state} errors={p.errors} />
      <ProposalView round={p.draft} names={p.names} swap={p.swap} accept={p.accept} />
    </div>
  );
}
