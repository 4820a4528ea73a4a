// Korean strings of growth: the team over time, outcomes of pairings, key-person risk.
import type { growth as en } from '../en/growth.ts';

export const growth: Record<keyof typeof en, string> = {
  'growth.nav.label': '성장',
  'growth.nav.overTime': '시간에 따른 변화',
  'growth.nav.outcomes': '효과가 있었나',
  'growth.nav.risk': '핵심 인력',
};
