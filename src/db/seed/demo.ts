// `npm run demo`: the app on its own database, filled with a believable team on first start.
import { count } from 'drizzle-orm';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../client.ts';
import { users } from '../schema/index.ts';
import { createDemoTeam, DEMO_PASSWORD, MEMBERS } from './demo-team.ts';
import { seedSkills } from './skills.ts';
import { seedPairings } from './pairings.ts';
import { seedWork } from './work.ts';
import { seedDeals } from './deals.ts';
import { start } from '../../server.ts';

/** Fills an empty database with the demo team and every feature's demo data, all in one go. */
export async function seedDemo(url: string, now = new Date()) {
  const db = await openDatabase({ url });
  const [{ n }] = await db.select({ n: count() }).from(users);
  if (n > 0) {
    db.$client.close();
    return false;
  }
  const team = await createDemoTeam(db, now);
  await seedSkills(db, team, now);
  await seedPairings(db, team, now);
  await seedWork(db, team, now);
  await seedDeals(db, team, now);
  db.$client.close();
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL || 'file:data/demo.db' };
  const config = loadConfig(env);
  const seeded = await seedDemo(config.DATABASE_URL);
  console.log(seeded ? `Demo data written to ${config.DATABASE_URL}.` : `${config.DATABASE_URL} already has data; starting on it as it is.`);
  console.log(`Demo sign-ins (password "${DEMO_PASSWORD}" for all):`);
  console.log('  manager  manager@demo.local');
  console.log('  partner  partner@demo.local');
  for (const m of MEMBERS) console.log(`  member   ${m.local}@demo.local  (${m.name})`);
  await start(env);
}
