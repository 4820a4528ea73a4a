// English strings of study seasons: session pages, attendance, evidence and the calendar feed.
export const studySessions = {
} as const;
