// `npm run demo` on a fresh database: the study seasons are there and the report of season 2 shows what was read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { createApp } from '../../src/app.tsx';
import { createDb, type Db } from '../../src/db/client.ts';
import { seedDemo } from '../../src/db/seed/demo.ts';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-team.ts';
import { Client, tempDbUrl } from '../helpers.ts';

const NOW = new Date('2026-12-01T10:00:00Z');
let db: Db;
let dir: string;
let manager: Client;

beforeAll(async () => {
  const made = await tempDbUrl();
  dir = made.dir;
  expect(await seedDemo(made.url, NOW, 'en')).toBe(true);
  db = await createDb({ url: made.url });
  manager = await new Client(createApp({ db, now: () => NOW })).login('manager@demo.local', DEMO_PASSWORD);
}, 60_000);
afterAll(() => {
  db?.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the demo study seasons', () => {
  it('has seasons 1 and 2 finished and 3 in planning with candidates and votes but no schedule', async () => {
    const seasons = await db.all<{ number: number; status: string; scheduleStatus: string; papers: number; votes: number; sessions: number }>(sql`
      select s.number, s.status, s.schedule_status as scheduleStatus,
        (select count(*) from study_papers p where p.season_id = s.id) as papers,
        (select count(*) from study_votes v where v.season_id = s.id) as votes,
        (select count(*) from study_sessions x where x.season_id = s.id) as sessions
      from study_seasons s order by s.number`);
    expect(seasons.map((s) => [s.number, s.status, s.scheduleStatus, s.sessions])).toEqual([
      [1, 'finished', 'published', 8],
      [2, 'finished', 'published', 8],
      [3, 'planned', 'none', 0],
    ]);
    expect(seasons[2].papers).toBeGreaterThan(5);
    expect(seasons[2].votes).toBeGreaterThan(10);
    // Real links, keyed as the link normaliser keys arXiv papers; nobody over the 5 votes of a season.
    const [{ bad }] = await db.all<{ bad: number }>(sql`select count(*) as bad from study_papers where url not like 'https://arxiv.org/abs/%' or link_key <> 'arxiv:' || substr(url, 23)`);
    expect(bad).toBe(0);
    expect(await db.all(sql`select user_id from study_votes group by season_id, user_id having count(*) > 5`)).toEqual([]);
  });

  it('the report of season 2 shows the papers read, attendance, roles and level movement', async () => {
    const [{ id }] = await db.all<{ id: number }>(sql`select id from study_seasons where number = 2`);
    const res = await manager.get(`/study/seasons/${id}/report`);
    expect(res.status).toBe(200);
    const page = text(await res.text());
    expect(page).toContain('zero-shot retriever/classifier yes 5 ');
    expect(page).toContain('generative pseudo labeling yes 3 ');
    expect(page).not.toContain('no paper read');
    expect(page).toMatch(/Session 1 \S+ \d+, 2026 GPL: Generative Pseudo Labeling/);
    expect(page).toContain('Proposed but not read');
    expect(page).toContain('Recipes for building an open-domain chatbot');
    // Season 3 exists and already has Supervised Contrastive Learning: carrying offers the one other paper.
    expect(page).toContain('Carry the unread paper to season 3');
    expect(page).toMatch(/How levels moved .* [1-9]\d* [1-9]\d* \d+ [\d.]+ → [\d.]+/);
  });

  it('carrying season 2 on moves BlenderBot into season 3 and skips the paper season 3 already has', async () => {
    const [{ id }] = await db.all<{ id: number }>(sql`select id from study_seasons where number = 2`);
    const res = await manager.post(`/study/seasons/${id}/carry`, {});
    expect(res.status).toBe(303);
    const flash = decodeURIComponent(decodeURIComponent(res.headers.getSetCookie().find((c) => c.startsWith('pairwise_flash=')) ?? ''));
    expect(flash).toContain('1 paper carried to season 3. Already in season 3, skipped: Supervised Contrastive Learning.');
    const carried = await db.all<{ title: string }>(sql`select p.title from study_papers p join study_seasons s on s.id = p.season_id where s.number = 3 and p.carried_from is not null`);
    expect(carried).toEqual([{ title: 'Recipes for building an open-domain chatbot' }]);
  });
});
