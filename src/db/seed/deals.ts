// Demo data of the deals feature, added by `npm run demo`.
import type { Db } from '../client.ts';
import type { DemoTeam } from './demo-team.ts';

export async function seedDeals(_db: Db, _team: DemoTeam, _now: Date): Promise<void> {}
