// The demo team: a manager, twelve members (some names in Hangul) and nine focus areas in two categories.
import type { Db } from '../client.ts';
import type { users, areas } from '../schema/index.ts';
import { hashPassword } from '../../auth/passwords.ts';
import { insertUser } from '../../members/queries.ts';
import { categoryIdFor, createArea } from '../../areas/queries.ts';
import type { Locale } from '../../domain.ts';

export const DEMO_PASSWORD = 'pairwise-demo';

export type DemoUser = typeof users.$inferSelect;
export type DemoArea = typeof areas.$inferSelect;
export type DemoTeam = {
  manager: DemoUser;
  /** Members in a fixed order (not including the manager). */
  members: DemoUser[];
  /** Areas by their short key (see AREAS). */
  areas: Record<AreaKey, DemoArea>;
};

export const AREAS = {
  seq2seq: { name: 'seq2seq LM', category: 'Research', target: 4, min: 2, description: 'Encoder–decoder and decoder-only language models trained for generation tasks.' },
  embedding: { name: 'domain-agnostic text embedding', category: 'Research', target: 4, min: 2, description: 'Sentence and document embeddings that transfer across domains without fine-tuning.' },
  contrastive: { name: 'contrastive learning as post-pretraining', category: 'Research', target: 3, min: 2, description: 'Contrastive objectives applied after pre-training to shape representations.' },
  pseudo: { name: 'generative pseudo labeling', category: 'Research', target: 3, min: 2, description: 'Using generative models to label unlabelled in-domain data for training retrievers and classifiers.' },
  zeroshot: { name: 'zero-shot retriever/classifier', category: 'Research', target: 4, min: 2, description: 'Retrieval and classification without labelled in-domain examples.' },
  dialogue: { name: 'controllable dialogue generation', category: 'Research', target: 3, min: 2, description: 'Steering dialogue models by persona, style, safety and intent.' },
  serving: { name: 'model serving', category: 'Engineering', target: 3, min: 2, description: 'Low-latency inference, batching, quantisation and rollout of models in products.' },
  evaluation: { name: 'evaluation', category: 'Engineering', target: 4, min: 2, description: 'Offline benchmarks, human evaluation and online metrics for model quality.' },
  data: { name: 'data pipelines', category: 'Engineering', target: 3, min: 1, description: 'Collecting, cleaning and versioning training and evaluation data.' },
} as const;
export type AreaKey = keyof typeof AREAS;

/**
 * Name, demo email local part (`<local>@demo.local`) and the language saved in the profile: a mixed
 * team, some prefer Korean, some English, the rest (and the manager) follow the browser and DEFAULT_LOCALE.
 */
export const MEMBERS: Array<{ name: string; local: string; capacity?: number; locale?: Locale }> = [
  { name: '김민아', local: 'mina', locale: 'ko' },
  { name: 'Joon Park', local: 'joon' },
  { name: '이서연', local: 'seoyeon', locale: 'ko' },
  { name: 'Daniel Cho', local: 'daniel', locale: 'en' },
  { name: '박지훈', local: 'jihoon', locale: 'ko' },
  { name: 'Priya Nair', local: 'priya', capacity: 8, locale: 'en' },
  { name: '정하늘', local: 'haneul', locale: 'ko' },
  { name: 'Tom Becker', local: 'tom', locale: 'en' },
  { name: '최유진', local: 'yujin', capacity: 6, locale: 'ko' },
  { name: 'Lucas Martin', local: 'lucas', locale: 'en' },
  { name: '한도윤', local: 'doyun' },
  { name: 'Sara Kim', local: 'sara' },
];

/** Category names are data; a Korean demo (`--locale ko`) names them in Korean. */
const CATEGORY_NAMES: Record<string, string> = { Research: '연구', Engineering: '엔지니어링' };

export async function createDemoTeam(db: Db, now: Date, locale: Locale = 'en'): Promise<DemoTeam> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const manager = await insertUser(db, { name: 'Hyejin Lee', email: 'manager@demo.local', role: 'manager', capacity: 4, passwordHash }, now);
  const members: DemoUser[] = [];
  for (const m of MEMBERS) {
    members.push(await insertUser(db, { name: m.name, email: `${m.local}@demo.local`, role: 'member', capacity: m.capacity ?? 10, passwordHash, locale: m.locale }, now));
  }
  const areaRows = {} as Record<AreaKey, DemoArea>;
  for (const [key, a] of Object.entries(AREAS) as Array<[AreaKey, (typeof AREAS)[AreaKey]]>) {
    const categoryId = await categoryIdFor(db, locale === 'ko' ? CATEGORY_NAMES[a.category] : a.category);
    areaRows[key] = await createArea(db, { name: a.name, categoryId, description: a.description, targetLevel: a.target, minExperts: a.min, rubric: null });
  }
  return { manager, members, areas: areaRows };
}
