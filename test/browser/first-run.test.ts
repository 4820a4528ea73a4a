// The newcomer's walk: setup → add a member → the member sets a password and rates themself inline →
// the manager sees the cell and the coverage footer change → CSV export → import a change.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, serveApp, signIn, type Served } from './harness.ts';

let served: Served;
let browser: Browser;
beforeAll(async () => {
  served = await serveApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await served?.close();
});

const MANAGER = { email: 'lead@team.test', password: 'a long manager password' };
const MEMBER = { name: '김민아', email: 'mina@team.test', password: 'minas own password' };

async function newPage(): Promise<Page> {
  return (await browser.newContext()).newPage();
}

it('walks from an empty database to an imported rating change', async () => {
  const base = served.base;
  const manager = await newPage();

  // 1. Setup: every page leads to /setup on an empty database.
  await manager.goto(`${base}/matrix`);
  expect(new URL(manager.url()).pathname).toBe('/setup');
  await manager.getByLabel('Name', { exact: true }).fill('Lead Manager');
  await manager.getByLabel('Email').fill(MANAGER.email);
  await manager.getByLabel('New password', { exact: true }).fill(MANAGER.password);
  await manager.getByLabel('Repeat the new password').fill(MANAGER.password);
  await manager.getByRole('button', { name: 'Create manager account' }).click();
  await manager.waitForURL(`${base}/`);

  // 2. An area to rate.
  await manager.goto(`${base}/areas`);
  await manager.getByLabel('Name', { exact: true }).fill('zero-shot retriever');
  await manager.getByLabel('or a new category').fill('Research');
  await manager.getByLabel('Team target level').fill('4');
  await manager.getByRole('button', { name: 'Add an area' }).click();
  await expect.poll(() => manager.locator('table').textContent()).toContain('zero-shot retriever');

  // 3. A member, with a one-time set-password link.
  await manager.goto(`${base}/members`);
  await manager.getByLabel('Name', { exact: true }).fill(MEMBER.name);
  await manager.getByLabel('Email').fill(MEMBER.email);
  await manager.getByRole('button', { name: 'Add a member' }).click();
  const link = await manager.locator('#set-password-link').inputValue();
  expect(link).toMatch(/\/password\//);

  // 4. The member sets a password, signs in and rates themself inline in the matrix.
  const member = await newPage();
  await member.goto(link);
  await member.getByLabel('New password', { exact: true }).fill(MEMBER.password);
  await member.getByLabel('Repeat the new password').fill(MEMBER.password);
  await member.getByRole('button', { name: 'Set password' }).click();
  await member.waitForURL(/\/login/);
  await signIn(member, base, MEMBER.email, MEMBER.password);
  await member.goto(`${base}/matrix`);
  const cellOf = (page: Page) => page.locator('tbody tr', { hasText: MEMBER.name }).locator('td.cell').first();
  await cellOf(member).locator('a.lvl').click();
  const editor = member.locator('tbody form');
  await editor.getByLabel('My level').selectOption('4');
  await editor.getByLabel('Interest').selectOption('2');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => cellOf(member).textContent()).toMatch(/^4/);
  expect(new URL(member.url()).pathname).toBe('/matrix'); // swapped in place, no navigation

  // 5. The manager sees the cell and the coverage footer change.
  await manager.goto(`${base}/matrix`);
  await expect.poll(() => cellOf(manager).textContent()).toMatch(/^4/);
  const footer = manager.locator('tfoot');
  await expect.poll(() => footer.textContent()).toContain('single point of failure');
  const expertsCell = manager.locator('tfoot td[id$="-experts"]').first();
  expect((await expertsCell.textContent())?.trim()).toBe('1');

  // 6. CSV export.
  const csv = await (await manager.request.get(`${base}/matrix.csv`)).text();
  expect(csv).toContain(MEMBER.email);
  expect(csv).toContain('zero-shot retriever level');

  // 7. Import a change: the manager calibrates 김민아 at 5.
  const lines = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const levelColumn = header.findIndex((h) => h.includes('zero-shot retriever level'));
  const changed = lines.map((line, i) => {
    if (i === 0 || !line.includes(MEMBER.email)) return line;
    const cells = line.split(',');
    cells[levelColumn] = '5';
    return cells.join(',');
  });
  await manager.locator('summary', { hasText: 'Import CSV' }).click();
  await manager.setInputFiles('#import-file', { name: 'matrix.csv', mimeType: 'text/csv', buffer: Buffer.from(changed.join('\n')) });
  await manager.getByRole('button', { name: 'Preview import' }).click();
  await expect.poll(() => manager.locator('main').textContent()).toContain('changed');
  await manager.getByRole('button', { name: 'Apply these changes' }).click();
  await manager.waitForURL(/\/matrix/);
  await expect.poll(() => cellOf(manager).textContent()).toMatch(/^5/);
});
