// One item of the /work/plan list: what the proposal does with it, and its pin and exclusion, choosing among the qualified people.
import { t } from '../i18n/index.ts';
import { PriorityTag, Requirements, type RequirementRef } from './parts.tsx';
import { describeReason, describeUnplaced, type UnplacedWhy } from './reasons.ts';
import { marginText, type ShownAssignment } from './run.tsx';

export type PlanItem = { id: number; title: string; effort: number; priority: string; requirements: readonly RequirementRef[] };
type Person = { id: number; name: string };

export type PlanRowData = {
  item: PlanItem;
  choice: ShownAssignment | null;
  unplaced: UnplacedWhy | null;
  /** The people who meet every minimum, when few enough to list (or asked for); null: too many to list on every row. */
  qualified: Person[] | null;
  /** The row with every qualified person to choose from: a page without JS, the row alone with htmx. */
  chooseHref: string;
  choicesHref: string;
};

export type RowState = {
  pin: number | undefined;
  excluded: number[];
  error: string | undefined;
};

/**
 * The pin and exclusion selects offer the qualified people (pinning anyone else could not be kept).
 * When there are too many to list on every row, the select holds only the current pin and the row
 * offers to load them all, for this one row.
 */
export function PlanRow(p: { row: PlanRowData; state: RowState; names: ReadonlyMap<number, string>; areaNames: Record<number, string> }) {
  const { item, choice, unplaced, qualified } = p.row;
  const { error, excluded, pin } = p.state;
  const nameOf = (id: number) => p.names.get(id) ?? `#${id}`;
  const listed = qualified;
  const pinChoices: Person[] = listed ? [...listed] : [];
  if (pin !== undefined && !pinChoices.some((m) => m.id === pin)) pinChoices.unshift({ id: pin, name: nameOf(pin) });
  return (
    <tr class={error ? 'has-error' : undefined} id={`plan-item-${item.id}`}>
      <td class="wk-plan-item">
        <strong>{item.title}</strong>
        <div class="wk-item-meta">
          <span class="tag">{t('work.plan.points', { points: item.effort })}</span>
          <PriorityTag priority={item.priority} />
        </div>
        <Requirements requirements={item.requirements} areaNames={p.areaNames} />
      </td>
      <td class="wk-proposal" data-label={t('work.plan.proposal')}>
        {choice ? (
          <>
            <strong class="wk-owner">{p.names.get(choice.ownerId) ?? choice.reason.owner.name}</strong>
            {choice.buddyId !== null && <span class="wk-buddy"> {t('work.plan.withBuddy', { name: p.names.get(choice.buddyId) ?? choice.reason.buddy?.name ?? '' })}</span>}
            {marginText(choice) && <span class="tag wk-fit">{marginText(choice)}</span>}
            <small class="wk-reason">{describeReason(choice.reason, t)}</small>
          </>
        ) : unplaced ? (
          <span class="wk-unplaced-why">
            <span class="tag bad">{t('work.plan.notPlaced')}</span> {describeUnplaced(unplaced, t)}
          </span>
        ) : (
          <span class="muted">{t('common.none')}</span>
        )}
      </td>
      <td data-label={t('work.plan.pin')}>
        <label class="wk-sr" for={`pin-${item.id}`}>
          {t('work.plan.pinLabel', { title: item.title })}
        </label>
        <select id={`pin-${item.id}`} name="pin" aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `pin-msg-${item.id}` : undefined}>
          <option value="">{t('work.plan.noPin')}</option>
          {pinChoices.map((m) => (
            <option value={`${item.id}:${m.id}`} selected={pin === m.id}>
              {m.name}
            </option>
          ))}
        </select>
        {error && (
          <small id={`pin-msg-${item.id}`} class="error">
            {error}
          </small>
        )}
        {!listed && (
          <a class="wk-choose" href={p.row.chooseHref} hx-get={p.row.choicesHref} hx-target="closest tr" hx-swap="outerHTML">
            {t('work.plan.choose')}
          </a>
        )}
      </td>
      <td data-label={t('work.plan.exclude')}>
        {excluded.map((id) => (
          <label class="wk-excluded">
            <input type="checkbox" name="exclude" value={`${item.id}:${id}`} checked /> {t('work.plan.notPerson', { name: nameOf(id) })}
          </label>
        ))}
        {listed && (
          <>
            <label class="wk-sr" for={`exclude-${item.id}`}>
              {t('work.plan.excludeLabel', { title: item.title })}
            </label>
            <select id={`exclude-${item.id}`} name="exclude">
              <option value="">{t('work.plan.noExclusion')}</option>
              {listed
                .filter((m) => !excluded.includes(m.id))
                .map((m) => (
                  <option value={`${item.id}:${m.id}`}>{m.name}</option>
                ))}
            </select>
          </>
        )}
      </td>
    </tr>
  );
}
