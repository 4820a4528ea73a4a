// The layers of README.md's Layout section, checked on every import line of src/ and views/:
// each layer imports only the layers below it, and no import cycle exists anywhere.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

type Layer = 'server' | 'app' | 'route' | 'view' | 'i18n' | 'data' | 'planning' | 'ground';

/** Which layer a file (path relative to the repository) belongs to. */
export function layerOf(file: string): Layer {
  // The server and the demo seeding script sit on top of everything.
  if (file === 'src/server.ts' || file.startsWith('src/db/seed/')) return 'server';
  if (file === 'src/app.tsx') return 'app';
  if (file.startsWith('views/i18n/')) return 'i18n';
  if (file.startsWith('views/')) return 'view';
  if (file.startsWith('src/planning/')) return 'planning';
  if (['src/domain.ts', 'src/config.ts', 'src/env.ts', 'src/http/forms.ts', 'src/http/redirect.ts'].includes(file) || file.startsWith('src/db/')) return 'ground';
  if (file === 'src/http/render.tsx' || /^src\/[^/]+\/(.*routes\.tsx|dashboard\.ts|middleware\.ts)$/.test(file) || /^src\/[^/]+\/routes\//.test(file)) return 'route';
  return 'data';
}

const VIEW_OK = (to: string) => to === 'src/domain.ts' || layerOf(to) === 'view' || layerOf(to) === 'i18n';

/** Why an import from `from` to `to` breaks the layers, or null when it is allowed. */
export function forbidden(from: string, to: string): string | null {
  const a = layerOf(from);
  const b = layerOf(to);
  switch (a) {
    case 'server':
      return null;
    case 'app':
      return b === 'server' ? 'the app never imports the server' : null;
    case 'route':
      return b === 'server' || b === 'app' ? 'routes never import the app or the server' : null;
    case 'view':
      return VIEW_OK(to) ? null : 'a view imports only views, views/i18n and src/domain.ts (props in, HTML out)';
    case 'i18n':
      return b === 'i18n' || to === 'src/domain.ts' ? null : 'the catalogs import nothing from src/ but src/domain.ts';
    case 'planning':
      return b === 'planning' || to === 'src/domain.ts' ? null : 'planners are pure: they import only planners and src/domain.ts';
    case 'data':
      return b === 'data' || b === 'planning' || b === 'ground' ? null : 'queries and data modules never import routes or views';
    case 'ground':
      if (b === 'ground') return null;
      if (from === 'src/http/forms.ts' && b === 'i18n') return null;
      return 'the ground imports only the ground';
  }
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

export type Import = { from: string; to: string; typeOnly: boolean; line: number };

/** Every import or re-export of one of our own files, with the file it resolves to. */
export function importsOf(file: string, text = readFileSync(join(root, file), 'utf8')): Import[] {
  const found: Import[] = [];
  const re = /(?:^|\n)\s*(import|export)\s+(type\s+)?([^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of text.matchAll(re)) {
    const spec = m[4] ?? m[5];
    if (!spec.startsWith('.')) continue;
    const to = normalize(join(dirname(file), spec)).split('\\').join('/');
    const line = text.slice(0, m.index).split('\n').length + (m[0].startsWith('\n') ? 1 : 0);
    found.push({ from: file, to, typeOnly: Boolean(m[2]), line });
  }
  return found;
}

/** Import cycles (strongly connected components with more than one file, or a file importing itself). */
export function cycles(edges: Import[]): string[][] {
  const graph = new Map<string, string[]>();
  for (const e of edges) graph.set(e.from, [...(graph.get(e.from) ?? []), e.to]);
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    indexOf.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indexOf.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
    }
    if (low.get(v) === indexOf.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!indexOf.has(v)) visit(v);
  return found;
}

const files = [...sourceFiles('src'), ...sourceFiles('views')].map((f) => relative(root, join(root, f)).split('\\').join('/'));
const edges = files.flatMap((f) => importsOf(f));

describe('the layers', () => {
  it('finds the imports it checks', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(edges.some((e) => e.from === 'src/app.tsx')).toBe(true);
  });

  it('every import goes down a layer (or stays in its own)', () => {
    const wrong = edges.flatMap((e) => {
      const why = forbidden(e.from, e.to);
      return why ? [`${e.from}:${e.line} → ${e.to}: ${why}`] : [];
    });
    expect(wrong).toEqual([]);
  });

  it('no import cycles', () => {
    expect(cycles(edges)).toEqual([]);
  });

  it('the rules themselves: a view importing a query, a query importing a view, a planner importing the database are refused', () => {
    expect(forbidden('views/matrix/page.tsx', 'src/matrix/queries.ts')).not.toBeNull();
    expect(forbidden('src/matrix/queries.ts', 'views/ratings/cell.tsx')).not.toBeNull();
    expect(forbidden('src/planning/pairing/score.ts', 'src/db/client.ts')).not.toBeNull();
    expect(forbidden('views/i18n/en/work.ts', 'src/planning/work-split/explain.ts')).not.toBeNull();
    expect(forbidden('src/matrix/routes.tsx', 'views/matrix/page.tsx')).toBeNull();
    expect(forbidden('views/matrix/page.tsx', 'src/domain.ts')).toBeNull();
    expect(cycles(importsOf('src/a.ts', "import { b } from './b.ts';").concat(importsOf('src/b.ts', "import type { a } from './a.ts';")))).toEqual([['src/a.ts', 'src/b.ts']]);
  });
});
