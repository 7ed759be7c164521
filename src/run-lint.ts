import { writeFileSync } from 'node:fs';
import type { MainIO } from './cli.js';
import type { LintCliOptions } from './commands/lint.js';
import { UsageError } from './errors.js';
import { collectFiles } from './files.js';
import { loadFormatter } from './format/index.js';
import { langFromEnv } from './i18n/index.js';
import { lintLoaded, lintSource } from './lint.js';
import { inputOptions, readStream } from './load/read-input.js';
import { lintFile } from './lint-file.js';
import { crossYearFor, fixModeOf, lintStdinWithFix, reportFixes } from './fix/run-hooks.js';
import type { FileResult, Lang } from './types.js';

/** The default command: collect inputs, lint each file, format, write; returns the exit code. */
export async function runLint(paths: string[], opts: LintCliOptions, io: MainIO): Promise<number> {
  const env = io.env ?? process.env;
  const lang: Lang = opts.lang ?? langFromEnv(env);
  // --encoding and --max-file-size, checked before any file is read (src/load/read-input.ts).
  const input = inputOptions(opts, lang);
  if (paths.length === 0) throw new UsageError('没有指定要检查的文件（用法：report-lint [选项] <文件|目录|glob|->...，见 --help）');
  const format = opts.format.length > 0 ? opts.format[opts.format.length - 1]! : 'stylish';
  const output = opts.output[opts.output.length - 1];
  const formatter = await loadFormatter(format);
  const results: FileResult[] = [];
  // Only the html page draws the tables; other runs don't keep every report's data in memory.
  const keepData = opts.format.includes('html');
  const fix = fixModeOf(opts);

  if (paths.includes('-')) {
    if (paths.length > 1) throw new UsageError('标准输入（-）不能与其他路径同时使用');
    const name = opts.stdinFilename ?? '<stdin>';
    const stdin = await readStream(io.stdin ?? process.stdin, { lang, maxFileSize: input.maxFileSize });
    if ('finding' in stdin) results.push(lintLoaded({ findings: [stdin.finding] }, name, { lang }));
    else {
      const bytes = stdin.bytes;
      results.push(fix ? lintStdinWithFix(bytes, name, { lang, keepData, ...input }, opts) : lintSource(bytes, name, { lang, keepData, ...input, ...crossYearFor([], opts).stdinOptions(bytes) }));
    }
  } else {
    const files = collectFiles(paths);
    const crossYear = crossYearFor(files, opts);
    for (const file of files) results.push(lintFile(file, { lang, keepData, ...input, ...(fix ? { fix } : {}), ...crossYear.optionsFor(file) }));
    crossYear.warnUnused(io);
  }
  if (fix) reportFixes(results, fix, io, lang, format !== 'stylish' && !output);
  results.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

  // cli.md: colour only on a TTY, never with NO_COLOR (even over --color), never into a file.
  const color = !output && !env.NO_COLOR && (opts.color ?? !!io.stdout.isTTY);
  const text = formatter(results, { cwd: io.cwd ?? process.cwd(), color, lang });
  if (output) writeFileSync(output, text);
  else io.stdout.write(text);
  return results.some((r) => r.errorCount > 0) ? 1 : 0;
}
