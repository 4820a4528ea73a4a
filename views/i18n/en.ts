// The English message catalog: every user-facing string, by key. Feature sections live in ./en/.
import { core } from './en/core.ts';

export const en = {
  ...core,
} as const;

export type MessageKey = keyof typeof en;
export type Catalog = Record<MessageKey, string>;
