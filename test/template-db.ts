// Vitest global setup: migrates one template database per run; each test copies that file (test/helpers.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/client.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the migrated template database file. */
    templateDb: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'pairwise-template-'));
  const path = join(dir, 'template.db');
  const db = await openDatabase({ url: `file:${path}` });
  // Everything into the main file, so copying that one file copies the whole database.
  await db.$client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  db.$client.close();
  project.provide('templateDb', path);
  return () => rmSync(dir, { recursive: true, force: true });
}
