// Demo data of the work feature, added by `npm run demo`: last and this quarter as cycles, ~26 items of both kinds.
import type { Db } from '../client.ts';
import { workCycleCapacities } from '../schema/index.ts';
import type { AreaKey, DemoTeam } from './demo-team.ts';
import { insertCycle, insertItem, teamWithLevels, type ItemInput } from '../../work/queries.ts';
import { DAY_MS, EXPERT_LEVEL, isoDay } from '../../domain.ts';

const CHAT = 'live-chat assistant';
const STUDIO = 'no-code model studio';
const CARE = 'automated care-call service';

type Seed = {
  title: string;
  kind: 'research' | 'service';
  feeds?: string;
  effort: number;
  priority?: 'high' | 'normal' | 'low';
  req?: Partial<Record<AreaKey, number>>;
  /** Days after the cycle start. */
  due?: number;
  status?: 'open' | 'planned' | 'in_progress' | 'done';
  /** Index into the demo members. */
  owner?: number;
  buddy?: number;
  description?: string;
};

/** The calendar quarter containing `at` (offset 0), or the one `offset` quarters away. */
export function quarterOf(at: Date, offset = 0) {
  const index = at.getUTCFullYear() * 4 + Math.floor(at.getUTCMonth() / 3) + offset;
  const year = Math.floor(index / 4);
  const q = index % 4;
  const start = new Date(Date.UTC(year, q * 3, 1));
  const end = new Date(Date.UTC(year, q * 3 + 3, 0));
  return { name: `${year} Q${q + 1}`, startDate: isoDay(start), endDate: isoDay(end), start };
}

const THIS_QUARTER: Seed[] = [
  { title: 'Zero-shot intent classifier for care-call routing', kind: 'service', feeds: CARE, effort: 5, priority: 'high', req: { zeroshot: 3, serving: 2 }, due: 45, description: 'Route incoming care calls to the right queue from the first utterance, without labelled data per queue.' },
  { title: 'Embedding refresh for model-studio semantic search', kind: 'service', feeds: STUDIO, effort: 4, req: { embedding: 3, data: 2 }, due: 60 },
  { title: 'Latency budget: int8 serving for the live-chat assistant', kind: 'service', feeds: CHAT, effort: 3, priority: 'high', req: { serving: 3 }, due: 30, status: 'in_progress', owner: 3 },
  { title: 'Retriever for the care-call knowledge base', kind: 'service', feeds: CARE, effort: 5, req: { zeroshot: 3, embedding: 2 }, due: 75 },
  { title: 'Safety filter evaluation for live-chat releases', kind: 'service', feeds: CHAT, effort: 2, req: { evaluation: 3 }, due: 40, status: 'planned', owner: 4 },
  { title: 'Model-studio data import connectors', kind: 'service', feeds: STUDIO, effort: 3, priority: 'low', req: { data: 2 } },
  { title: 'Care-call summary generation pilot', kind: 'service', feeds: CARE, effort: 5, req: { seq2seq: 3, evaluation: 2 }, due: 80 },
  { title: 'Quarterly model-card updates', kind: 'service', feeds: STUDIO, effort: 2, priority: 'low', due: 85, description: 'Refresh the model cards shown in the studio: data sources, evaluation results, known limits.' },
  { title: 'Online A/B metrics for chat answer quality', kind: 'service', feeds: CHAT, effort: 3, req: { evaluation: 3, serving: 2 }, due: 70 },
  { title: 'Distil the intent classifier for on-device routing', kind: 'service', feeds: CARE, effort: 4, priority: 'low', req: { serving: 3, zeroshot: 2 } },
  { title: 'Data pipeline for weakly-labelled call transcripts', kind: 'service', feeds: CARE, effort: 3, req: { data: 3 }, status: 'done', owner: 5 },
  { title: 'Contrastive post-pretraining ablation', kind: 'research', effort: 4, req: { contrastive: 3 }, description: 'Does a short contrastive phase after pre-training help retrieval and classification? Ablate temperature, batch size and negatives.' },
  { title: 'Generative pseudo labels for low-resource intents', kind: 'research', feeds: CARE, effort: 5, priority: 'high', req: { pseudo: 3, zeroshot: 2 }, due: 50 },
  { title: 'Domain-agnostic embedding benchmark', kind: 'research', effort: 4, req: { embedding: 3, evaluation: 2 } },
  { title: 'Seq2seq distillation for long dialogue context', kind: 'research', feeds: CHAT, effort: 5, req: { seq2seq: 3 }, due: 88 },
  { title: 'Style-controllable decoding study', kind: 'research', effort: 3, priority: 'low', req: { dialogue: 2 } },
  { title: 'Hard-negative mining for zero-shot retrievers', kind: 'research', feeds: CARE, effort: 4, req: { zeroshot: 3, contrastive: 2 }, status: 'planned', owner: 1 },
  { title: 'Paper reading: instruction-tuning data quality', kind: 'research', effort: 2, priority: 'low', description: 'A four-week reading circle; notes go to the team wiki.' },
  { title: 'Pseudo-label noise robustness ablation', kind: 'research', feeds: STUDIO, effort: 3, req: { pseudo: 2 }, status: 'in_progress', owner: 2 },
  { title: 'Multilingual embedding transfer probe', kind: 'research', feeds: STUDIO, effort: 3, priority: 'low', req: { embedding: 2, contrastive: 2 } },
  { title: 'Evaluation harness for controllable dialogue', kind: 'research', feeds: CHAT, effort: 4, req: { dialogue: 2, evaluation: 3 }, due: 65 },
];

const LAST_QUARTER: Seed[] = [
  // 박지훈 learned zero-shot classification as its buddy and grew (an outcome on /growth/outcomes).
  { title: 'Baseline zero-shot classifier for care calls', kind: 'research', feeds: CARE, effort: 5, req: { zeroshot: 3 }, status: 'done', owner: 0, buddy: 4 },
  { title: 'Embedding service v1 for the model studio', kind: 'service', feeds: STUDIO, effort: 4, req: { embedding: 3, serving: 2 }, status: 'done', owner: 1 },
  { title: 'Contrastive learning literature review', kind: 'research', effort: 3, req: { contrastive: 2 }, status: 'done', owner: 2 },
  { title: 'Chat latency dashboard', kind: 'service', feeds: CHAT, effort: 2, req: { serving: 2 }, status: 'done', owner: 3 },
];

/** Research areas a persona feature could depend on, in the order we prefer to show the trap on. */
const PERSONA_AREAS: AreaKey[] = ['dialogue', 'pseudo', 'contrastive', 'seq2seq', 'zeroshot', 'embedding'];

export async function seedWork(db: Db, team: DemoTeam, now: Date): Promise<void> {
  const current = quarterOf(now);
  const previous = quarterOf(now, -1);
  const cycle = await insertCycle(db, current, now);
  const last = await insertCycle(db, previous, now);
  // 최유진 is on leave for part of this quarter.
  const onLeave = team.members[8];
  if (onLeave) await db.insert(workCycleCapacities).values({ cycleId: cycle.id, userId: onLeave.id, capacity: 3 });

  // "Service on immature technology" must show whatever ratings the skills seed wrote: the persona
  // feature needs the area where the team's best is lowest, at a level nobody (or no expert) has.
  const { members } = await teamWithLevels(db);
  const best = (key: AreaKey) => Math.max(0, ...members.filter((m) => m.role === 'member').map((m) => m.levels[team.areas[key].id] ?? 0));
  const thin = PERSONA_AREAS.reduce((a, b) => (best(b) < best(a) ? b : a));
  const persona: Seed = {
    title: 'Persona-controlled replies for the live-chat assistant',
    kind: 'service',
    feeds: CHAT,
    effort: 5,
    priority: 'high',
    req: { [thin]: best(thin) >= EXPERT_LEVEL ? 5 : 3, serving: 2 },
    due: 55,
    description: 'Let product teams pick a tone and persona for the assistant per channel.',
  };

  const write = async (seeds: Seed[], cycleId: number, start: Date) => {
    for (const s of seeds) {
      const input: ItemInput = {
        title: s.title,
        description: s.description ?? '',
        kind: s.kind,
        feeds: s.feeds ?? '',
        dealId: null,
        effort: s.effort,
        priority: s.priority ?? 'normal',
        dueDate: s.due === undefined ? null : isoDay(start.getTime() + s.due * DAY_MS),
        status: s.status ?? 'open',
        cycleId,
        ownerId: s.owner === undefined ? null : team.members[s.owner].id,
        buddyId: s.buddy === undefined ? null : team.members[s.buddy].id,
        requirements: Object.entries(s.req ?? {}).map(([key, minLevel]) => ({ areaId: team.areas[key as AreaKey].id, minLevel: minLevel! })),
      };
      await insertItem(db, input, now);
    }
  };
  await write(LAST_QUARTER, last.id, previous.start);
  await write([...THIS_QUARTER.slice(0, 3), persona, ...THIS_QUARTER.slice(3)], cycle.id, current.start);
}
