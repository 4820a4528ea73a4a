// Demo data of the pairings feature, added by `npm run demo`.
import type { Db } from '../client.ts';
import type { DemoTeam } from './demo-team.ts';

export async function seedPairings(_db: Db, _team: DemoTeam, _now: Date): Promise<void> {}
