// "Who takes part" at any team size: a name search, the matching people as tick-boxes (unticked = away), everyone else present as one hidden list of ids.
import type { FieldErrors } from '../../src/domain.ts';
import { t } from '../i18n/index.ts';

export type ParticipantsView = {
  who: string;
  shown: Array<{ id: number; name: string; present: boolean }>;
  /** Present people not shown, submitted as they are. */
  carried: string[];
  matching: number;
  present: number;
  total: number;
};

/** Present people not shown ride along in one field, ids separated by spaces (one hidden input each was 45 kB at 1,000 people). */
export const CARRIED_FIELD = 'presentIds';

const hx = { 'hx-post': '/pairings/participants', 'hx-include': '#planner-form', 'hx-target': '#participants-list', 'hx-swap': 'outerHTML' };

/**
 * The search lives in its own little form (`who-form`, outside the planner form): Enter searches rather
 * than proposes. With htmx it posts the planner's choices along and replaces the list in place; without
 * JavaScript it reloads /pairings?who=… (choices not yet proposed are then the draft's again).
 */
export function WhoForm() {
  return <form id="who-form" method="get" action="/pairings" role="search" {...hx}></form>;
}

/** The swappable part: the count, the tick-boxes and the hidden ids (what POST /pairings/participants returns to htmx). */
export function ParticipantList(p: { list: ParticipantsView }) {
  const { list } = p;
  return (
    <div id="participants-list">
      <p class="muted small" role="status">
        {t('pairings.present.count', { present: list.present, total: list.total })}
        {list.matching > list.shown.length && ` · ${t('pairings.present.more', { shown: list.shown.length, matching: list.matching })}`}
      </p>
      <div class="chip-list">
        {list.shown.map((item) => (
          <label class="chip">
            <input type="checkbox" name="present" value={String(item.id)} checked={item.present} />
            <span class="chip-name">{item.name}</span>
            <span class="chip-away">{t('pairings.away')}</span>
          </label>
        ))}
      </div>
      {list.carried.length > 0 && <input type="hidden" name={CARRIED_FIELD} value={list.carried.join(' ')} />}
    </div>
  );
}

export function Participants(p: { list: ParticipantsView; errors?: FieldErrors }) {
  const error = p.errors?.present;
  return (
    <fieldset class={error ? 'chips has-error' : 'chips'}>
      <legend>{t('pairings.present.legend')}</legend>
      <small class="hint">{t('pairings.present.hint')}</small>
      <div class="participants-search">
        <label for="who">{t('pairings.present.search')}</label>
        <input id="who" type="search" name="who" form="who-form" value={p.list.who} autocomplete="off" {...hx} hx-trigger="input changed delay:300ms" />
        <button type="submit" form="who-form" class="secondary">
          {t('pairings.present.find')}
        </button>
      </div>
      <ParticipantList list={p.list} />
      {error && (
        <small class="error" id="planner-present-msg">
          {error}
        </small>
      )}
    </fieldset>
  );
}
