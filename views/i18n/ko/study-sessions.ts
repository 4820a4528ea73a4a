// Korean strings of study seasons: session pages, attendance, evidence and the calendar feed.
import type { studySessions as en } from '../en/study-sessions.ts';

export const studySessions: Record<keyof typeof en, string> = {
};
