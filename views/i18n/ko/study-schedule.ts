// Korean strings of study seasons: the schedule planner, its reasons and publishing.
import type { studySchedule as en } from '../en/study-schedule.ts';

export const studySchedule: Record<keyof typeof en, string> = {
};
