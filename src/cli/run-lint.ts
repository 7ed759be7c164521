import type { MainIO } from '../io.js';
import { errorLine } from '../util/sanitize.js';
import type { LintCliOptions } from './lint-options.js';
import { UsageError } from '../errors.js';
import { configForRun, printConfig } from '../config/index.js';
import { collectInputs } from './files.js';
import { langFromEnv, t } from '../i18n/index.js';
import { planOutputs, writeOutputs } from '../format/outputs.js';
import { suppressInSource } from '../check/suppressions.js';
import { dropWarnings, exitCodeOf } from './thresholds.js';
import { lintLoaded, lintSource } from '../check/lint.js';
import { inputOptions, readStream } from '../read/read-input.js';
import { lintFiles } from '../parallel/run.js';
import { lintFile } from '../lint-file.js';
import { crossYearFor, fixModeOf, lintStdinWithFix, reportFixes, withWrittenFiles } from './run-hooks.js';
import { openSite, type SiteWriter } from '../site/index.js';
import type { FileResult, Lang } from '../types.js';

/** The default command: collect inputs, lint each file, format, write; returns the exit code. */
export async function runLint(paths: string[], opts: LintCliOptions, io: MainIO): Promise<number> {
  const env = io.env ?? process.env;
  const lang: Lang = opts.lang ?? langFromEnv(env);
  // --encoding and --max-file-size, checked before any file is read (src/read/read-input.ts).
  const input = inputOptions(opts, lang);
  const cwd = io.cwd ?? process.cwd();
  // Config file and --rule: src/config/.
  const config = await configForRun(opts, cwd, lang);
  if (opts.printConfig !== undefined) {
    io.stdout.write(printConfig(config, opts.printConfig, cwd));
    return 0;
  }
  if (paths.length === 0) throw new UsageError(t(lang, 'cli.noPaths'));
  // --format/--output pairs: src/format/outputs.ts.
  let outputs = await planOutputs(opts.format, opts.output, cwd, lang);
  const stdoutFormat = outputs.find((o) => o.file === undefined)?.name;
  const results: FileResult[] = [];
  // Only the html page draws the tables; other runs don't keep every report's data in memory.
  const keepData = opts.format.includes('html');
  // The spreadsheets and the html summary name each report's agency and year (FileResult.info).
  const keepInfo = opts.format.some((f) => f === 'html' || f === 'csv' || f === 'xlsx');
  const fix = fixModeOf(opts);
  // --output DIR/ for html: a site whose pages are written as results arrive (src/site/).
  let site: SiteWriter | undefined;
  const startSite = (fileCount: number) =>
    ({ site, outputs } = openSite(outputs, fileCount, { cwd, lang, cleanPages: opts.htmlCleanPages, errorsOnly: opts.quiet }, io.stderr));
  const keep = (result: FileResult) => (site ? site.add(result) : result);

  if (paths.includes('-')) {
    if (paths.length > 1) throw new UsageError(t(lang, 'cli.stdinWithPaths'));
    const name = opts.stdinFilename ?? '<stdin>';
    const fileOptions = config.lintOptionsFor(name, lang);
    startSite(1);
    const stdin = await readStream(io.stdin ?? process.stdin, { lang, maxFileSize: input.maxFileSize });
    if ('finding' in stdin) results.push(keep(lintLoaded({ findings: [stdin.finding] }, name, { lang })));
    else {
      const bytes = stdin.bytes;
      const previous = fix ? {} : crossYearFor([], { ...opts, lang }, input.maxFileSize).stdinOptions(bytes);
      const result = fix ? lintStdinWithFix(bytes, name, { ...fileOptions, keepData, keepInfo, ...input }, opts) : lintSource(bytes, name, { ...fileOptions, keepData, keepInfo, ...input, ...previous });
      results.push(keep(suppressInSource(result, bytes, { ...fileOptions, ...input, ...previous })));
    }
  } else {
    // A directory or glob that yields nothing to check is a usage error there (src/cli/files.ts);
    // files named one by one and all ignored (a pre-commit run on drafts) pass, and say so.
    const { files, ignoredNamed } = collectInputs(paths, { cwd, lang, ignorePatterns: opts.ignorePattern, isIgnored: config.ignorePatternMatcher() });
    if (ignoredNamed > 0) io.stderr.write(errorLine(t(lang, 'files.allNamedIgnored', { count: ignoredNamed })));
    const crossYear = crossYearFor(files, { ...opts, lang }, input.maxFileSize);
    startSite(files.length);
    // Files without options of their own share one object (a worker is sent it once per batch).
    let shared: { base: object; options: ReturnType<typeof config.lintOptionsFor> } | undefined;
    const optionsFor = (file: string) => {
      const base = config.lintOptionsFor(file, lang);
      const cross = crossYear.optionsFor(file);
      if (shared?.base === base && cross.previous === undefined) return shared.options;
      const options = { ...base, keepData, keepInfo, ...input, ...(fix ? { fix } : {}), ...cross };
      if (cross.previous === undefined) shared = { base, options };
      return options;
    };
    // --jobs worker threads, results in file order: src/parallel/run.ts. --fix writes files: one thread.
    try {
      await lintFiles(files, optionsFor, fix ? 1 : opts.jobs, (result, pairKey) => {
        results.push(keep(result));
        crossYear.onLinted(pairKey);
      });
    } catch (error) {
      // A --fix run that stops part way names the files it has already rewritten.
      throw withWrittenFiles(error, results, lang);
    }
    // Files with last year's report in the run: linted again with it (src/cross-year/deferred.ts).
    crossYear.finish(files, results, (file, previous) => keep(lintFile(file, { ...optionsFor(file), previous })));
    crossYear.warnUnused(io);
  }
  if (fix) reportFixes(results, fix, io, lang, stdoutFormat !== undefined && stdoutFormat !== 'stylish');
  results.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

  // --quiet and --max-warnings: src/cli/thresholds.ts.
  const shown = opts.quiet ? dropWarnings(results) : results;
  // cli.md: colour only on a TTY, never with NO_COLOR (even over --color), never into a file.
  const color = !env.NO_COLOR && (opts.color ?? !!io.stdout.isTTY);
  site?.finish(shown);
  await writeOutputs(outputs, shown, { cwd, lang, color }, io.stdout);
  const { code, notice } = exitCodeOf(shown, opts.maxWarnings, lang);
  if (notice) io.stderr.write(errorLine(notice));
  return code;
}
