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
import { seedStudy } from './study.ts';
import { start } from '../../server.ts';
import type { Locale } from '../../domain.ts';

/** Fills an empty database with the demo team and every feature's demo data, all in one go. */
export async function seedDemo(url: string, now = new Date(), locale: Locale = 'en') {
  const db = await openDatabase({ url });
  const [{ n }] = await db.select({ n: count() }).from(users);
  if (n > 0) {
    db.$client.close();
    return false;
  }
  const team = await createDemoTeam(db, now, locale);
  await seedSkills(db, team, now);
  await seedPairings(db, team, now);
  await seedWork(db, team, now);
  await seedDeals(db, team, now);
  await seedStudy(db, team, now, locale);
  db.$client.close();
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // `npm run demo -- --locale ko` is DEFAULT_LOCALE=ko: pages in Korean unless a person or browser chooses otherwise.
  const flag = process.argv.indexOf('--locale');
  const locale = flag > 0 ? { DEFAULT_LOCALE: process.argv[flag + 1] ?? '' } : {};
  const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL || 'file:data/demo.db', ...locale };
  const config = loadConfig(env);
  const seeded = await seedDemo(config.DATABASE_URL, new Date(), config.DEFAULT_LOCALE);
  console.log(seeded ? `Demo data written to ${config.DATABASE_URL}.` : `${config.DATABASE_URL} already has data; starting on it as it is.`);
  console.log(`Demo sign-ins (password "${DEMO_PASSWORD}" for all):`);
  console.log('  manager  manager@demo.local');
  console.log('  partner  partner@demo.local');
  for (const m of MEMBERS) console.log(`  member   ${m.local}@demo.local  (${m.name}${m.locale ? `, prefers ${m.locale}` : ''})`);
  console.log(`Pages default to ${config.DEFAULT_LOCALE}; the header switch or a profile changes it per person.`);
  await start(env);
}
