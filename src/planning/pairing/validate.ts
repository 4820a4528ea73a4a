// Checks a proposal's input before any solving: weights, known people, locks that can hold.
import { MAX_GOAL_WEIGHT, pairKey, type IdPair, type ProposeError, type ProposeInput } from './types.ts';

export function validateInput(input: ProposeInput): ProposeError | null {
  const w = input.weights;
  const weightOk = (x: number) => Number.isFinite(x) && x >= 0 && x <= MAX_GOAL_WEIGHT;
  if (![w.mentoring, w.rotation, w.coverage, w.trackRecord ?? 0].every(weightOk)) return { code: 'invalid-weights', weights: w };

  const teamIds = new Set(input.team.map((p) => p.id));
  const mentioned = [...input.presentIds, ...input.locks.flat(), ...input.forbids.flat()];
  const unknown = [...new Set(mentioned.filter((id) => !teamIds.has(id)))].sort((a, b) => a - b);
  if (unknown.length > 0) return { code: 'unknown-person', personIds: unknown };

  const present = new Set(input.presentIds);
  if (present.size < 2) return { code: 'too-few-participants', count: present.size };

  const forbidden = new Set(input.forbids.map(([a, b]) => pairKey(a, b)));
  const lockOf = new Map<number, IdPair>();
  for (const lock of input.locks) {
    const [a, b] = lock;
    if (a === b) return { code: 'lock-same-person', personId: a };
    const away = lock.filter((id) => !present.has(id));
    if (away.length > 0) return { code: 'lock-not-present', lock, personIds: away };
    if (forbidden.has(pairKey(a, b))) return { code: 'lock-forbidden', lock };
    for (const id of lock) {
      const other = lockOf.get(id);
      if (other !== undefined) return { code: 'locks-overlap', personId: id, locks: [other, lock] };
      lockOf.set(id, lock);
    }
  }
  return null;
}
