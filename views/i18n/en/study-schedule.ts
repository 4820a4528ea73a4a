// English strings of study seasons: the schedule planner, its reasons and publishing.
export const studySchedule = {
} as const;
