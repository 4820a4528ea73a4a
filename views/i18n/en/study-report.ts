// English strings of study seasons: the season report.
export const studyReport = {
} as const;
