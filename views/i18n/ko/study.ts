// Korean strings of study seasons: seasons, participants, papers and votes.
import type { study as en } from '../en/study.ts';

export const study: Record<keyof typeof en, string> = {
};
