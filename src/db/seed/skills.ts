// Demo data of the skills feature, added by `npm run demo`: eight months of believable ratings and history.
import type { Db } from '../client.ts';
import type { AreaKey, DemoTeam } from './demo-team.ts';
import { applyRatingChanges, getRating, type RatingFields } from '../../ratings/queries.ts';
import { seededRandom as prng } from './random.ts';

const DAY = 24 * 3600 * 1000;
const KEYS: AreaKey[] = ['seq2seq', 'embedding', 'contrastive', 'pseudo', 'zeroshot', 'dialogue', 'serving', 'evaluation', 'data'];


type Profile = {
  /** Final effective levels in KEYS order. */
  levels: string;
  interests: string;
  /** Self levels that differ from the effective (manager-calibrated) level. */
  selfDiffers?: Partial<Record<AreaKey, number>>;
  /** Rated only by the manager: this member never rated themself. */
  managerOnly?: boolean;
  /** Days ago of the member's last activity; above 180 their ratings are stale. */
  lastSeen?: number;
  /** Days ago the member joined (their history starts then). */
  joined?: number;
  /** Areas whose rating nobody touched since the first months (stale even for active members). */
  staleAreas?: AreaKey[];
  evidence?: Partial<Record<AreaKey, string>>;
  notes?: Partial<Record<AreaKey, string>>;
  /** Levels that rose one step this many days ago, for the outcomes the demo shows (see OUTCOMES in pairings.ts, work.ts, study.ts). */
  rose?: Partial<Record<AreaKey, number>>;
  /** Levels that did not move (a learner the demo shows not rising). */
  flat?: AreaKey[];
};

/**
 * In the demo team's member order. Designed coverage: controllable dialogue has no expert (blocker),
 * generative pseudo labeling and model serving have one (single point of failure); several members
 * want to grow in text embedding, zero-shot retrieval and pseudo labeling, where experts exist.
 */
const PROFILES: Profile[] = [
  // 김민아: seq2seq lead.
  { levels: '5 3 3 2 3 2 1 3 2', interests: '3 1 1 2 1 1 0 1 0', evidence: { seq2seq: 'https://git.example.com/nlp/s2s-pretrain — led the 1.3B encoder–decoder pre-training run', pseudo: 'Read the GPL paper: https://arxiv.org/abs/2112.07577' }, notes: { seq2seq: 'Ready to set direction for the Q1 seq2seq roadmap.' } },
  // Joon Park: embeddings.
  { levels: '3 5 4 3 4 1 2 3 2', interests: '1 3 2 1 2 0 0 1 0', evidence: { embedding: 'https://arxiv.org/abs/2212.03533 reproduction + https://git.example.com/nlp/embed-bench', contrastive: 'https://git.example.com/nlp/simcse-post/pull/88' } },
  // 이서연: zero-shot retrieval, the only pseudo-labeling expert.
  { levels: '3 4 3 4 5 2 1 3 2', interests: '1 2 1 3 3 0 0 1 1', evidence: { zeroshot: 'https://git.example.com/nlp/zs-retriever — owner; BEIR nDCG@10 +3.1', pseudo: 'GPL on care-call transcripts: https://git.example.com/nlp/gpl-carecall/pull/12' }, notes: { pseudo: 'Only expert here: pair her with a learner this quarter.' } },
  // Daniel Cho: serving engineer, the only serving expert.
  { levels: '2 2 1 1 2 1 4 3 4', interests: '1 2 0 0 1 0 3 1 2', evidence: { serving: 'https://git.example.com/platform/triton-serving — batching + int8 rollout for the chat assistant', data: 'Owns the nightly dataset snapshots' } },
  // 박지훈: dialogue researcher (rates himself above the manager there); grew in zero-shot as the learning buddy of last quarter's zero-shot classifier.
  { levels: '4 2 2 2 2 3 1 2 1', interests: '2 1 1 1 2 3 0 1 0', selfDiffers: { dialogue: 4 }, rose: { zeroshot: 50 }, evidence: { dialogue: 'Persona-control prototype: https://git.example.com/nlp/ctrl-dialog', seq2seq: 'https://arxiv.org/abs/1910.10683 study notes' }, notes: { dialogue: 'Strong prototype; a 4 needs a shipped model or a review of someone else’s work.' } },
  // Priya Nair: evaluation lead.
  { levels: '3 3 2 2 3 2 2 5 3', interests: '1 1 1 1 2 1 0 3 1', evidence: { evaluation: 'Built the human-eval protocol: https://git.example.com/nlp/eval-harness', zeroshot: 'Ran the zero-shot intent benchmark' } },
  // 정하늘: contrastive learning (the manager rates her higher than she does); grew in pseudo labeling after presenting GPL in season 2.
  { levels: '3 3 4 3 3 1 1 2 2', interests: '1 2 3 3 1 0 0 1 0', selfDiffers: { contrastive: 3 }, rose: { pseudo: 100 }, evidence: { contrastive: 'https://arxiv.org/abs/2104.08821 re-implementation, +2.4 STS' }, notes: { contrastive: 'Calibrated up: she reviews everyone’s contrastive runs.' } },
  // Tom Becker: junior engineer, a couple of old ratings nobody confirmed; Joon's mentoring in embedding half a year ago did not lift him.
  { levels: '2 1 1 1 1 2 3 2 3', interests: '1 2 0 1 1 1 3 1 2', selfDiffers: { serving: 4 }, staleAreas: ['seq2seq', 'dialogue'], flat: ['embedding'], evidence: { serving: 'Shadow-traffic tests for the care-call model' }, notes: { serving: 'Not yet owned a rollout end to end.' } },
  // 최유진: part-time, evaluation; grew in zero-shot retrieval after 이서연 mentored her half a year ago.
  { levels: '2 2 3 2 2 3 1 4 2', interests: '1 1 1 1 3 2 0 2 0', rose: { zeroshot: 100 }, evidence: { evaluation: 'https://git.example.com/nlp/eval-harness/pull/41 — LLM-as-judge calibration' } },
  // Lucas Martin: has not touched his stats for seven months (all stale), overrates seq2seq.
  { levels: '4 2 2 1 2 2 3 3 2', interests: '2 1 1 0 2 1 2 1 1', selfDiffers: { seq2seq: 5 }, lastSeen: 205, evidence: { seq2seq: 'Distillation of the 1.3B model for the studio' } },
  // 한도윤: joined two months ago.
  { levels: '1 1 1 0 1 1 2 1 2', interests: '1 3 1 1 1 0 1 1 1', selfDiffers: { embedding: 2 }, joined: 60 },
  // Sara Kim: never rated herself; the manager's calibration is from half a year ago.
  { levels: '3 2 2 3 2 2 2 2 3', interests: '', managerOnly: true, lastSeen: 200 },
];

/** The manager rates themself in a few areas (no calibration). */
const MANAGER_PROFILE = { levels: '3 3 2 2 3 2 2 3 2', interests: '1 1 0 1 1 1 0 2 0' };

const nums = (s: string) => (s ? s.split(' ').map(Number) : KEYS.map(() => null));

type Event = { at: number; actor: number; changes: RatingFields };

export async function seedSkills(db: Db, team: DemoTeam, now: Date): Promise<void> {
  const rand = prng(20261102);
  const jitter = (days: number, spread: number) => now.getTime() - (days + Math.floor(rand() * spread)) * DAY;
  const manager = team.manager.id;
  const plans: Array<{ userId: number; areaId: number; events: Event[] }> = [];

  PROFILES.forEach((p, i) => {
    const member = team.members[i];
    if (!member) return;
    const levels = nums(p.levels) as number[];
    const interests = nums(p.interests);
    const start = p.joined ?? 240;
    KEYS.forEach((key, k) => {
      const effective = levels[k];
      const self = p.selfDiffers?.[key] ?? effective;
      const calibrated = p.selfDiffers?.[key] !== undefined || (!p.managerOnly && rand() < 0.35);
      const events: Event[] = [];
      const stale = p.lastSeen !== undefined || p.staleAreas?.includes(key);
      if (p.managerOnly) {
        events.push({ at: jitter(p.lastSeen ?? 200, 6), actor: manager, changes: { managerLevel: effective } });
      } else {
        // A third of the levels grew by one step during the eight months; the demo's outcomes choose theirs.
        // The random draws stay the same either way, so every other rating keeps its history.
        const rolled = self >= 2 && !stale && p.joined === undefined && rand() < 0.35;
        const roseDaysAgo = p.rose?.[key];
        const grew = roseDaysAgo !== undefined || (rolled && !p.flat?.includes(key));
        events.push({
          at: jitter(start, 8),
          actor: member.id,
          changes: { selfLevel: grew ? self - 1 : self, interest: interests[k] ?? 0, evidence: grew ? '' : (p.evidence?.[key] ?? '') },
        });
        if (calibrated && p.joined === undefined) {
          events.push({ at: jitter(stale ? 190 : 165, 8), actor: manager, changes: { managerLevel: grew ? effective - 1 : effective, managerNote: p.notes?.[key] ?? '' } });
        }
        const drawn = rolled ? jitter(110, 40) : 0;
        if (grew) {
          const at = roseDaysAgo === undefined ? drawn : now.getTime() - roseDaysAgo * DAY;
          events.push({ at, actor: member.id, changes: { selfLevel: self, evidence: p.evidence?.[key] ?? '' } });
          if (calibrated) events.push({ at: at + 3 * DAY, actor: manager, changes: { managerLevel: effective } });
        }
        if (calibrated && p.joined !== undefined) events.push({ at: jitter(20, 10), actor: manager, changes: { managerLevel: effective, managerNote: p.notes?.[key] ?? '' } });
        // Active members confirmed (or touched) their ratings in the last months.
        if (!stale) events.push({ at: jitter(5, 50), actor: member.id, changes: {} });
      }
      plans.push({ userId: member.id, areaId: team.areas[key].id, events });
    });
  });
  const managerLevels = nums(MANAGER_PROFILE.levels) as number[];
  const managerInterests = nums(MANAGER_PROFILE.interests) as number[];
  KEYS.forEach((key, k) => {
    plans.push({ userId: manager, areaId: team.areas[key].id, events: [{ at: jitter(30, 20), actor: manager, changes: { selfLevel: managerLevels[k], interest: managerInterests[k] } }] });
  });

  await db.transaction(async (tx) => {
    for (const plan of plans) {
      const key = { userId: plan.userId, areaId: plan.areaId };
      for (const e of plan.events.sort((a, b) => a.at - b.at)) {
        const current = await getRating(tx, key.userId, key.areaId);
        await applyRatingChanges(tx, key, current, e.changes, e.actor, new Date(Math.min(e.at, now.getTime())));
      }
    }
  });
}
