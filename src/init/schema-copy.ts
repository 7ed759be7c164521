import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { SCHEMA_DIR } from '../check/schema/schemas.js';
import { UsageError } from '../errors.js';
import { t } from '../i18n/index.js';
import type { MainIO } from '../io.js';
import type { Template } from '../report-shape.js';
import type { Lang } from '../types.js';
import { sanitize } from '../util/sanitize.js';
import { WriteFailure, writeFileAtomic } from '../util/write-file.js';

/** The file an editor opens first for a template (or report.schema.json, which picks by `template`). */
export const rootSchemaOf = (template: Template | undefined): string => (template ? `report-${template}.schema.json` : 'report.schema.json');

/** The schema files an editor needs for a root: the root and every file it references, in name order. */
export function schemaFilesFor(template: Template | undefined): string[] {
  const seen = new Set<string>();
  const queue = [rootSchemaOf(template)];
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const m of readFileSync(SCHEMA_DIR + name, 'utf8').matchAll(/"\$ref":\s*"([^"#]+)/g)) queue.push(m[1]!);
  }
  return [...seen].sort();
}

export interface SchemaCliOptions {
  template?: '2019' | '2021';
  output: string;
}

/**
 * `report-lint schema`: copy the schemas of a template (all of them without --template) into a
 * folder beside the reports, for editors when report-lint is not a dependency of the project
 * (run with npx or installed globally): `init` then points `$schema` at this copy. Existing
 * copies are replaced (a newer report-lint brings newer schemas); returns the exit code.
 */
export function runSchema(opts: SchemaCliOptions, io: MainIO, lang: Lang): number {
  const cwd = io.cwd ?? process.cwd();
  const template = opts.template ? (Number(opts.template) as Template) : undefined;
  const dir = resolve(cwd, opts.output);
  const names = schemaFilesFor(template);
  for (const name of names) {
    const target = join(dir, name);
    try {
      writeFileAtomic(target, readFileSync(SCHEMA_DIR + name), { makeParents: true });
    } catch (error) {
      const code = error instanceof WriteFailure ? error.code : String((error as NodeJS.ErrnoException).code ?? error);
      throw new UsageError(t(lang, 'schemaCmd.cannotWrite', { file: sanitize(target), code }));
    }
  }
  io.stderr.write(t(lang, 'schemaCmd.written', { dir: sanitize(displayPath(cwd, dir)), root: rootSchemaOf(template), count: names.length }) + '\n');
  return 0;
}

/** A folder or file as the user would type it from `cwd`: relative below it, else as it is. */
function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

/** The folder `init` suggests for a schema copy: `schemas/` beside the report. */
export const SCHEMA_COPY_FOLDER = 'schemas';

export interface SchemaRef {
  /** What `$schema` says: always a path relative to the report's folder, with `/`. */
  ref: string;
  /** Undefined when the file exists; else the `report-lint schema` command that writes it. */
  missing?: string;
}

/**
 * The `$schema` of a new report in folder `fromDir` (editors resolve it against the report file):
 * the nearest node_modules/report-lint/schemas/ (report-lint a dependency of the project) or
 * schemas/ copy (`report-lint schema`), walking up from the report's folder; the package folder
 * first at each level. With neither, schemas/ beside the report, with the command that writes
 * it. Never an absolute path, nor the npx cache where the running report-lint may live: the
 * file is kept for years and opened on other machines.
 */
export function schemaRefFor(template: Template, fromDir: string, cwd: string): SchemaRef {
  const name = rootSchemaOf(template);
  for (let dir = fromDir; ; dir = dirname(dir)) {
    for (const folder of [join(dir, 'node_modules', 'report-lint', 'schemas'), join(dir, SCHEMA_COPY_FOLDER)]) {
      const file = join(folder, name);
      if (isOurSchema(file, name)) {
        const rel = relative(fromDir, file);
        if (!isAbsolute(rel)) return { ref: rel.split(sep).join('/') };
      }
    }
    if (dirname(dir) === dir) break;
  }
  const copy = join(fromDir, SCHEMA_COPY_FOLDER);
  return {
    ref: `${SCHEMA_COPY_FOLDER}/${name}`,
    missing: `report-lint schema --template ${template} -o ${quoteArg(displayPath(cwd, copy).split(sep).join('/'))}`,
  };
}

/** A file of that name that is report-lint's schema (its $id), not some other project's. */
function isOurSchema(file: string, name: string): boolean {
  if (!existsSync(file)) return false;
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { $id?: unknown }).$id === name;
  } catch {
    return false;
  }
}

/** A path as one shell word. */
const quoteArg = (s: string): string => (/^[\w./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
