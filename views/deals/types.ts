// The shapes the deal and partner pages read, declared on the view's side (the routes' data must fit them).
import type { DealEventKind, DealHealth, DealSide, DealStatus, DealValues } from '../../src/domain.ts';

export type DealItemView = {
  id: number;
  side: DealSide;
  description: string;
  dueDate: string | null;
  done: boolean;
  areaId: number | null;
  areaName: string | null;
  effort: number;
  members: Array<{ id: number; name: string }>;
};

export type DealView = DealValues & {
  id: number;
  title: string;
  summary: string;
  status: DealStatus;
  partnerId: number;
  partnerName: string;
  ownerId: number;
  ownerName: string;
  neededBy: string | null;
  committedDate: string | null;
  acceptedAt: number | null;
  acceptedByName: string | null;
  createdAt: number;
  version: number;
  items: DealItemView[];
};

export type DealWithHealth = DealView & { health: DealHealth };

/** One change between two versions of a deal (a timeline row, or a line of the counter-proposal diff). */
export type ChangeView =
  | { kind: 'field'; field: string; side?: DealSide; subject?: string; oldValue: string | null; newValue: string | null }
  | { kind: 'item_added' | 'item_removed'; side: DealSide; subject: string };

export type DealEventView = {
  kind: DealEventKind;
  actorName: string;
  at: number;
  side: DealSide | null;
  subject: string | null;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  body: string | null;
};
