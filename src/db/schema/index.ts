// Every table, for drizzle's relational queries and drizzle-kit.
export * from './core.ts';
