// Korean strings of study seasons: the season report.
import type { studyReport as en } from '../en/study-report.ts';

export const studyReport: Record<keyof typeof en, string> = {
};
