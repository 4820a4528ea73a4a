// The English message catalog: every user-facing string, by key. Feature sections live in ./en/.
import { core } from './en/core.ts';
import { deals } from './en/deals.ts';
import { pairings } from './en/pairings.ts';
import { work } from './en/work.ts';

export const en = {
  ...core,
  ...pairings,
  ...work,
  ...deals,
} as const;

export type MessageKey = keyof typeof en;
export type Catalog = Record<MessageKey, string>;
