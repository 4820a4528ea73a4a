// English strings of growth: the team over time, outcomes of pairings, key-person risk.
export const growth = {
  'growth.nav.label': 'Growth',
  'growth.nav.overTime': 'Over time',
  'growth.nav.outcomes': 'Did it work',
  'growth.nav.risk': 'Key people',
} as const;
