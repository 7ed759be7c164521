import { writeFileSync } from 'node:fs';
import type { MainIO } from './cli.js';
import type { LintCliOptions } from './commands/lint.js';
import { UsageError } from './errors.js';
import { collectFiles } from './files.js';
import { loadFormatter } from './format/index.js';
import { langFromEnv } from './i18n/index.js';
import { lintSource } from './lint.js';
import { lintFile } from './lint-file.js';
import type { FileResult, Lang } from './types.js';

/** The default command: collect inputs, lint each file, format, write; returns the exit code. */
export async function runLint(paths: string[], opts: LintCliOptions, io: MainIO): Promise<number> {
  const env = io.env ?? process.env;
  const lang: Lang = opts.lang ?? langFromEnv(env);
  if (paths.length === 0) throw new UsageError('没有指定要检查的文件（用法：report-lint [选项] <文件|目录|glob|->...，见 --help）');
  const format = opts.format.length > 0 ? opts.format[opts.format.length - 1]! : 'stylish';
  const output = opts.output[opts.output.length - 1];
  const formatter = await loadFormatter(format);
  const results: FileResult[] = [];

  if (paths.includes('-')) {
    if (paths.length > 1) throw new UsageError('标准输入（-）不能与其他路径同时使用');
    results.push(lintSource(await readAll(io.stdin ?? process.stdin), opts.stdinFilename ?? '<stdin>', { lang }));
  } else {
    for (const file of collectFiles(paths)) results.push(lintFile(file, { lang }));
  }
  results.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

  // cli.md: colour only on a TTY, never with NO_COLOR (even over --color), never into a file.
  const color = !output && !env.NO_COLOR && (opts.color ?? !!io.stdout.isTTY);
  const text = formatter(results, { cwd: io.cwd ?? process.cwd(), color, lang });
  if (output) writeFileSync(output, text);
  else io.stdout.write(text);
  return results.some((r) => r.errorCount > 0) ? 1 : 0;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}
