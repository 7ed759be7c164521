import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { MainIO } from '../io.js';
import { UsageError } from '../errors.js';
import { langFromEnv, t } from '../i18n/index.js';
import type { Template } from '../report-shape.js';
import type { Lang } from '../types.js';
import { sanitize } from '../util/sanitize.js';
import { writeFileAtomic, WriteFailure } from '../util/write-file.js';
import { blankJson, blankYaml } from './generate.js';
import { schemaRefFor } from './schema-copy.js';

export interface InitCliOptions {
  year: string;
  agency: string;
  template: 'auto' | '2019' | '2021';
  format?: 'yaml' | 'json';
  output?: string;
  force?: boolean;
}

/**
 * `report-lint init`: write a blank report of the right template; returns the exit code.
 * The file is written whole or not at all (writeFileAtomic), and without --force never over
 * an existing file, even one that appears between the check and the write.
 */
export function runInit(opts: InitCliOptions, io: MainIO, lang: Lang = langFromEnv(io.env ?? process.env)): number {
  if (!/^\d{4}$/.test(opts.year)) throw new UsageError(t(lang, 'init.badYear', { year: sanitize(opts.year) }));
  const year = Number(opts.year);
  if (year < 2019) throw new UsageError(t(lang, 'init.tooEarly', { year }));
  const agency = opts.agency.trim();
  if (agency === '') throw new UsageError(t(lang, 'init.emptyAgency'));

  const fitting: Template = year <= 2020 ? 2019 : 2021;
  if (opts.template !== 'auto' && Number(opts.template) !== fitting) {
    throw new UsageError(t(lang, 'init.wrongTemplate', { year, fitting, template: opts.template }));
  }

  const out = opts.output;
  const extension = out && /\.json$/i.test(out) ? 'json' : out && /\.ya?ml$/i.test(out) ? 'yaml' : undefined;
  const format = opts.format ?? extension ?? 'yaml';
  if (extension && extension !== format) throw new UsageError(t(lang, 'init.extensionMismatch', { file: sanitize(out!), format }));
  if (out && existsSync(out) && !opts.force) throw new UsageError(t(lang, 'init.exists', { file: sanitize(out) }));

  const cwd = io.cwd ?? process.cwd();
  // On stdout the report is redirected into a file of the working directory, as a rule.
  const schema = schemaRefFor(fitting, out ? dirname(resolve(cwd, out)) : cwd, cwd);
  const options = { template: fitting, year, agency, schemaRef: schema.ref };
  const text = format === 'json' ? blankJson(options) : blankYaml(options);
  const hint = () => {
    if (schema.missing) io.stderr.write(t(lang, 'init.schemaMissing', { ref: sanitize(schema.ref), command: sanitize(schema.missing) }) + '\n');
  };
  if (!out) {
    io.stdout.write(text);
    hint();
    return 0;
  }
  try {
    writeFileAtomic(resolve(io.cwd ?? process.cwd(), out), text, { exclusive: !opts.force });
  } catch (error) {
    if (error instanceof WriteFailure && error.code === 'exists') throw new UsageError(t(lang, 'init.exists', { file: sanitize(out) }));
    const code = error instanceof WriteFailure ? error.code : ((error as NodeJS.ErrnoException).code ?? String(error));
    throw new UsageError(t(lang, 'init.cannotWrite', { file: sanitize(out), code }));
  }
  io.stderr.write(t(lang, 'init.written', { file: sanitize(out), agency: sanitize(agency), year, template: fitting }) + '\n');
  hint();
  return 0;
}
