// The English message catalog: every user-facing string, by key. Feature sections live in ./en/.
import { apiTokens } from './en/api-tokens.ts';
import { core } from './en/core.ts';
import { deals } from './en/deals.ts';
import { growth } from './en/growth.ts';
import { notices } from './en/notices.ts';
import { pairings } from './en/pairings.ts';
import { study } from './en/study.ts';
import { sso } from './en/sso.ts';
import { invitations } from './en/invitations.ts';
import { studyReport } from './en/study-report.ts';
import { studySchedule } from './en/study-schedule.ts';
import { studySessions } from './en/study-sessions.ts';
import { work } from './en/work.ts';

export const en = {
  ...core,
  ...pairings,
  ...work,
  ...deals,
  ...study,
  ...studySchedule,
  ...studySessions,
  ...studyReport,
  ...growth,
  ...sso,
  ...invitations,
  ...apiTokens,
  ...notices,
} as const;

export type MessageKey = keyof typeof en;
export type Catalog = Record<MessageKey, string>;
