/**
 * The structure ARCHITECTURE.md describes stays true:
 *
 * - no import cycle between the modules of src/, nor between its top-level parts (a folder or a
 *   file right under src/). Every import counts: `import type` too (a reader following the types
 *   still goes round in a circle), re-exports, `import x = require()` in the .cts files and
 *   dynamic import() (a module loaded on demand is still a dependency);
 * - the top-level parts keep the order ARCHITECTURE.md lists them in ("Dependencies point one way");
 * - every path ARCHITECTURE.md names exists, and it names every folder of src/;
 * - two of its invariants that an import or a call shows: rules read no files, and files are
 *   written only through src/util/write-file.ts;
 * - comments and docs give the reason for something, not the number of the issue that asked for
 *   it (a reader of the code cannot look the number up).
 *
 * The import graph comes from TypeScript's own pre-processor (already a devDependency), so
 * imports inside comments and strings are not taken for real ones.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const SRC = join(ROOT, 'src');
const posix = (p: string) => p.split(sep).join('/');

function walk(dir: string, keep: (file: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? walk(path, keep) : keep(path) ? [path] : [];
  });
}

const sourceFiles = walk(SRC, (f) => /\.(c|m)?ts$/.test(f) && !f.endsWith('.d.ts'));

/** The source file a relative specifier names (`./x.js` is ./x.ts in src/, `./x.cjs` is ./x.cts). */
function resolveImport(from: string, specifier: string): string | undefined {
  const target = resolve(dirname(from), specifier);
  for (const [built, source] of [['.js', '.ts'], ['.cjs', '.cts'], ['.mjs', '.mts']] as const) {
    if (target.endsWith(built) && existsSync(target.slice(0, -built.length) + source)) return target.slice(0, -built.length) + source;
  }
  return existsSync(target) && statSync(target).isFile() ? target : undefined;
}

/** src-relative path → the src-relative paths it imports (relative specifiers only: packages are not ours). */
const graph = new Map<string, string[]>();
/** src-relative path → the packages and Node built-ins it imports. */
const packages = new Map<string, string[]>();
const unresolved: string[] = [];
for (const file of sourceFiles) {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const targets = new Set<string>();
  packages.set(posix(relative(SRC, file)), importedFiles.map((i) => i.fileName).filter((f) => !f.startsWith('.')));
  for (const { fileName } of importedFiles) {
    if (!fileName.startsWith('.')) continue;
    const target = resolveImport(file, fileName);
    if (target === undefined) unresolved.push(`${posix(relative(SRC, file))}: ${fileName}`);
    else if (target.startsWith(SRC + sep)) targets.add(posix(relative(SRC, target)));
  }
  graph.set(posix(relative(SRC, file)), [...targets].sort());
}

/**
 * Each tangle of the graph (strongly connected component, Tarjan) once: one path round it
 * (`[a, b, a]`) and the other modules caught in it.
 */
function cycles(edges: ReadonlyMap<string, readonly string[]>): { round: string[]; others: string[] }[] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: { round: string[]; others: string[] }[] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component = new Set<string>();
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.add(w);
    } while (w !== v);
    if (component.size === 1 && !edges.get(v)?.includes(v)) return;
    const round = pathRound(v, component, edges);
    found.push({ round, others: [...component].filter((m) => !round.includes(m)).sort() });
  };
  for (const v of [...edges.keys()].sort()) if (!index.has(v)) visit(v);
  return found;
}

/** One shortest way from `start` back to itself inside its component, for the failure message. */
function pathRound(start: string, component: ReadonlySet<string>, edges: ReadonlyMap<string, readonly string[]>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of edges.get(v) ?? []) {
      if (!component.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let u = v; u !== start; u = previous.get(u)!) path.push(u);
        return [...path, start].reverse();
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

const describeCycle = ({ round, others }: { round: string[]; others: string[] }, step = (_a: string, _b: string) => '') =>
  round.join(' → ') +
  round.slice(1).map((b, i) => step(round[i]!, b)).join('') +
  (others.length > 0 ? ` (also caught in it: ${others.join(', ')})` : '');

/** The top-level part of src/ a module belongs to: `check/rules/x.ts` → `check`, `types.ts` → `types.ts`. */
const partOf = (file: string) => file.split('/')[0]!;

describe('import graph of src/', () => {
  it('every relative import names a source file', () => {
    expect(unresolved).toEqual([]);
  });

  it('has no import cycle between modules', () => {
    expect(cycles(graph).map((c) => describeCycle(c))).toEqual([]);
  });

  it('has no import cycle between the top-level folders (dependencies point one way)', () => {
    const parts = new Map<string, string[]>();
    for (const [file, targets] of graph) {
      const own = parts.get(partOf(file)) ?? [];
      for (const t of targets) if (partOf(t) !== partOf(file) && !own.includes(partOf(t))) own.push(partOf(t));
      parts.set(partOf(file), own);
    }
    // Name an import behind each step, so the message says which line to change.
    const witness = (a: string, b: string) => {
      for (const [f, targets] of graph) {
        const t = partOf(f) === a ? targets.find((x) => partOf(x) === b) : undefined;
        if (t !== undefined) return `${f} imports ${t}`;
      }
      return '';
    };
    expect(cycles(parts).map((c) => describeCycle(c, (a, b) => `; ${witness(a, b)}`))).toEqual([]);
  });
});

const architecture = readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8');

describe('ARCHITECTURE.md', () => {
  const text = architecture;
  // Paths in the repository it names: `src/check/rules/`, src/parse/fast/fast-yaml.ts, bin/report-lint.js …
  // (dist/ is the build's output, not in the repository; `<id>` placeholders end a path.)
  const named = [...new Set([...text.matchAll(/(?<![\w./-])(?:src|bin|scripts|schemas|docs|test|bench|fixtures)\/[\w./-]*/g)].map((m) => m[0].replace(/[.]+$/, '')))];

  it('names paths', () => {
    expect(named.length).toBeGreaterThan(20);
  });

  it.each(named)('%s exists', (path) => {
    expect(existsSync(join(ROOT, path))).toBe(true);
  });

  it('names every folder of src/', () => {
    const folders = walk(SRC, () => true)
      .map((f) => posix(relative(ROOT, dirname(f))))
      .filter((d, i, all) => d !== 'src' && all.indexOf(d) === i)
      .sort();
    const mentioned = (folder: string) => named.some((p) => p === folder || p === `${folder}/` || p.startsWith(`${folder}/`));
    expect(folders.filter((f) => !mentioned(f))).toEqual([]);
  });
});

describe('the dependency order ARCHITECTURE.md gives', () => {
  // The fenced block under "## Dependencies point one way": one line per level, top first.
  const block = /^## Dependencies point one way\n[\s\S]*?```\n([\s\S]*?)```/m.exec(architecture)?.[1] ?? '';
  const rank = new Map<string, number>();
  block
    .trim()
    .split('\n')
    .forEach((line, level) => {
      for (const entry of line.split(',')) rank.set(entry.trim().replace(/^src\//, '').replace(/\/$/, ''), level);
    });

  it('lists every top-level part of src/', () => {
    const parts = [...new Set([...graph.keys()].map(partOf))].sort();
    expect(parts.filter((p) => !rank.has(p))).toEqual([]);
  });

  it('is what the imports do: each goes to its own folder or to a lower line', () => {
    const upward = [...graph].flatMap(([file, targets]) =>
      targets.filter((t) => partOf(t) !== partOf(file) && !(rank.get(partOf(t))! > rank.get(partOf(file))!)).map((t) => `${file} imports ${t}`),
    );
    expect(upward).toEqual([]);
  });
});

describe('invariants', () => {
  it('no rule reads files: rule modules import no Node built-in and nothing from src/read/', () => {
    const rules = [...graph.keys()].filter((f) => f.startsWith('check/rules/'));
    expect(rules.length).toBeGreaterThan(5);
    const reads = rules.flatMap((f) => [
      ...packages.get(f)!.filter((p) => p.startsWith('node:') || builtinModules.includes(p)).map((p) => `${f} imports ${p}`),
      ...graph.get(f)!.filter((t) => t.startsWith('read/')).map((t) => `${f} imports ${t}`),
    ]);
    expect(reads).toEqual([]);
  });

  const WRITES = /\b(writeFileSync|writeFile|appendFileSync|appendFile|createWriteStream|copyFileSync|renameSync|writeSync)\s*\(/;

  it('files are written only through src/util/write-file.ts', () => {
    const writers = [...graph.keys()].filter((f) => f !== 'util/write-file.ts' && WRITES.test(readFileSync(join(SRC, f), 'utf8')));
    expect(writers).toEqual([]);
  });
});

describe('comments and docs', () => {
  it('say the reason, not an issue number', () => {
    const files = [
      ...['src', 'bin', 'scripts', 'docs', 'bench', 'test'].flatMap((d) => walk(join(ROOT, d), (f) => /\.(c|m)?(ts|js)$|\.md$/.test(f))),
      ...['README.md', 'ARCHITECTURE.md'].map((f) => join(ROOT, f)),
    ];
    const hits = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (/\bissues?[ -]?#?\d/i.test(line) ? [`${posix(relative(ROOT, file))}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(hits).toEqual([]);
  });
});
