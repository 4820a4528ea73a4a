// The Korean message catalog: every key of en.ts, written for the team. Feature sections live in ./ko/.
import type { Catalog } from './en.ts';
import { apiTokens } from './ko/api-tokens.ts';
import { core } from './ko/core.ts';
import { deals } from './ko/deals.ts';
import { growth } from './ko/growth.ts';
import { notices } from './ko/notices.ts';
import { pairings } from './ko/pairings.ts';
import { study } from './ko/study.ts';
import { sso } from './ko/sso.ts';
import { invitations } from './ko/invitations.ts';
import { studyReport } from './ko/study-report.ts';
import { studySchedule } from './ko/study-schedule.ts';
import { studySessions } from './ko/study-sessions.ts';
import { work } from './ko/work.ts';

export const ko: Catalog = {
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
};
