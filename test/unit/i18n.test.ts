import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { byName, loadCatalogs, translator } from '../../views/i18n/index.ts';

describe('message catalogs', () => {
  it('picks up another language from a JSON file, falling back to English per key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pairwise-i18n-'));
    writeFileSync(join(dir, 'ko.json'), JSON.stringify({ 'nav.matrix': '스킬 매트릭스' }));
    writeFileSync(join(dir, 'notes.txt'), 'ignored');
    const catalogs = loadCatalogs(dir);
    expect(Object.keys(catalogs).sort()).toEqual(['en', 'ko']);
    expect(catalogs.ko['nav.matrix']).toBe('스킬 매트릭스');
  });

  it('interpolates parameters and falls back to the key itself', () => {
    const t = translator('en');
    expect(t('dashboard.hello', { name: '김민아' })).toBe('Hello, 김민아');
    expect(t('no.such.key')).toBe('no.such.key');
  });

  it('sorts names with the locale collation', () => {
    expect(byName([{ name: 'émile' }, { name: 'Zoe' }, { name: 'adam' }], 'en').map((p) => p.name)).toEqual(['adam', 'émile', 'Zoe']);
  });
});
