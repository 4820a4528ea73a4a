// Every table, for drizzle's relational queries and drizzle-kit.
export * from './core.ts';
export * from './pairings.ts';
export * from './work.ts';
export * from './deals.ts';
export * from './study.ts';
export * from './api.ts';
export * from './notices.ts';
