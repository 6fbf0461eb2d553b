import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';

const src = join(__dirname, '../../../src');

/** Every TypeScript file under src/, as a path relative to src/ with forward slashes. */
function sources(dir = src): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [relative(src, path).split(sep).join('/')] : [];
  });
}

/**
 * Relative module specifiers a file names: `import` and `export … from` (type-only ones too, since a
 * type cycle ties the files as tightly), side-effect imports, `require()` and `import()` (also
 * `typeof import('./x')` in a type).
 */
function relativeImportsOf(text: string): string[] {
  const pattern =
    /(?:^\s*(?:import|export)\b[^;'"]*?\bfrom\s*|^\s*import\s+|\brequire\s*\(\s*|\bimport\s*\(\s*)['"](\.[^'"]*)['"]/gm;
  return [...text.matchAll(pattern)].map((match) => match[1] as string);
}

/** The file under src/ a relative specifier of `file` names: `./x`, `./x.js` or `./x/index`. */
function resolve(file: string, specifier: string, exists: (path: string) => boolean): string | undefined {
  const base = posix.normalize(posix.join(posix.dirname(file), specifier)).replace(/\.(js|ts)$/, '');
  return [`${base}.ts`, `${base}/index.ts`].find(exists);
}

/** File -> the files it imports (only files under src/). */
function importGraph(files: string[], read: (file: string) => string): Map<string, string[]> {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets = relativeImportsOf(read(file)).flatMap((specifier) => {
      const target = resolve(file, specifier, (path) => known.has(path));
      return target === undefined ? [] : [target];
    });
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** One shortest cycle through `start` inside `members`, as `a -> b -> a`. */
function cycleThrough(start: string, members: Set<string>, graph: Map<string, string[]>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  for (let index = 0; index < queue.length; index++) {
    const node = queue[index] as string;
    for (const next of graph.get(node) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0] as string) as string);
        return [...path, start];
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

/**
 * Every import cycle, one line per strongly connected set of files (Tarjan), each shown as one
 * shortest cycle through its first file, with the number of files in the set when more are tied.
 */
function importCycles(graph: Map<string, string[]>): string[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) components.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return components
    .sort((a, b) => (a[0] as string).localeCompare(b[0] as string))
    .map((component) => {
      const cycle = cycleThrough(component[0] as string, new Set(component), graph).map((file) => `src/${file}`);
      const more = component.length > cycle.length - 1 ? ` (${component.length} files tied in all)` : '';
      return `${cycle.join(' -> ')}${more}`;
    });
}

describe('import cycles', () => {
  it('no file under src/ imports itself back, through any chain of imports (type-only ones included)', () => {
    const files = sources();
    assert.ok(files.length > 50, `only ${files.length} sources found under ${src}`);
    assert.ok(existsSync(join(src, 'core')));
    const graph = importGraph(files, (file) => readFileSync(join(src, file), 'utf8'));
    assert.deepEqual(importCycles(graph), []);
  });

  // The check above passes vacuously if it recognises no import: it must see these.
  it('recognises every form of relative import', () => {
    const text = [
      "import type { A } from './a';",
      "import { type B, c } from '../b.js';",
      'import {',
      '  D,',
      "} from './d';",
      "export { e } from './e';",
      "export type * from './f';",
      "import './g';",
      "const h = require('./h.js');",
      "const i = await import('./i');",
      "type J = typeof import('./j');",
      "import * as z from 'zod';",
      "const text = 'from ./k';",
    ].join('\n');
    assert.deepEqual(relativeImportsOf(text), ['./a', '../b.js', './d', './e', './f', './g', './h.js', './i', './j']);
  });

  it('finds and shows a cycle, directories resolved through their index', () => {
    const files: Record<string, string> = {
      'a.ts': "import { b } from './b';",
      'b.ts': "import type { C } from './c/index.js';",
      'c/index.ts': "import { a } from '../a';\nimport { d } from './d';",
      'c/d.ts': "import { c } from '.';",
      'e.ts': "import { a } from './a';",
      'f.ts': "import { f } from './f';",
    };
    const graph = importGraph(Object.keys(files), (file) => files[file] as string);
    assert.deepEqual(importCycles(graph), [
      'src/a.ts -> src/b.ts -> src/c/index.ts -> src/a.ts (4 files tied in all)',
      'src/f.ts -> src/f.ts',
    ]);
  });
});
