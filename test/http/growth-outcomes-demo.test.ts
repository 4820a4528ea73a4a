// `npm run demo` on a fresh database: /growth/outcomes shows a mentoring pair whose learner rose, one whose learner did not, a buddy and a presenter who grew.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { createApp } from '../../src/app.tsx';
import { createDb, type Db } from '../../src/db/client.ts';
import { seedDemo } from '../../src/db/seed/demo.ts';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-team.ts';
import { Client, tempDbUrl } from '../helpers.ts';

const NOW = new Date('2026-12-01T10:00:00Z');
let db: Db;
let dir: string;
let page: string;

beforeAll(async () => {
  const made = await tempDbUrl();
  dir = made.dir;
  expect(await seedDemo(made.url, NOW, 'en')).toBe(true);
  db = await createDb({ url: made.url });
  const manager = await new Client(createApp({ db, now: () => NOW })).login('manager@demo.local', DEMO_PASSWORD);
  const res = await manager.get('/growth/outcomes?all=1');
  expect(res.status).toBe(200);
  page = (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}, 60_000);
afterAll(() => {
  db?.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the demo’s outcomes', () => {
  it('has half a year ago a mentoring pair whose learner rose and one whose learner did not', () => {
    expect(page).toMatch(/최유진 Mentored by 이서연 zero-shot retriever\/classifier Jun \d+, 2026 1 → 2 → 2 → 2 ▲ Rose in 2\.\d months/);
    expect(page).toMatch(/Tom Becker Mentored by Joon Park domain-agnostic text embedding Jun \d+, 2026 1 → 1 → 1 → 1 ▬ Did not rise/);
  });

  it('has a learning buddy on a done item and a study presenter who grew', () => {
    expect(page).toMatch(/박지훈 Learning buddy zero-shot retriever\/classifier Jul 1, 2026 1 → (1|2) → not yet → 2 ▲ Rose in [\d.]+ months/);
    expect(page).toMatch(/정하늘 Presented in study generative pseudo labeling Jun \d+, 2026 2 → 3 → not yet → 3 ▲ Rose in [\d.]+ months/);
  });

  it('puts a headline per area on top and a line per mentor', () => {
    expect(page).toMatch(/At a glance: who rose a level within 180 days .*zero-shot retriever\/classifier: mentoring [1-9]\d* of \d+ \(\d+%\) · learning buddies 1 of 1 \(100%\) · study presenters \d+ of \d+ \(\d+%\); without support \d+ of \d+ \(\d+%\)\. Too few people to tell/);
    expect(page).toMatch(/이서연: \d+ learners?, [1-9]\d* rose within 180 days, median [\d.]+ months/);
  });
});
