// Give and get as the viewer says them: what our team gives, a partner gets.
import type { DealSide, Perspective } from '../../src/domain.ts';

/** The side of an item in the viewer's words: ours for the team, swapped for a partner. */
export const viewerSide = (side: DealSide, who: Perspective): DealSide => (who === 'partner' ? (side === 'give' ? 'get' : 'give') : side);
