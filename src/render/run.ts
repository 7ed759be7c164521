/** The `render` command: a report file → its official tables as Markdown, HTML or plain text. */
import type { MainIO } from '../io.js';
import { UsageError } from '../errors.js';
import { langFromEnv, t } from '../i18n/index.js';
import { loadReport } from '../check/lint.js';
import { DEFAULT_MAX_FILE_SIZE, parseSize, readInput, readStream, type Input } from '../read/read-input.js';
import type { Lang, Report } from '../types.js';
import { sanitize } from '../util/sanitize.js';
import { fileId, writeOutput } from '../write/write-output.js';
import { renderReport, type RenderTarget } from './index.js';

export interface RenderCliOptions {
  to: RenderTarget;
  output?: string;
  lang?: Lang;
  /** `--max-file-size`, as lint reads it (e.g. `10MB`). */
  maxFileSize?: string;
}

/**
 * Read the report as lint reads it (a regular file only, never blocking on a FIFO, never past
 * --max-file-size), render it, and write it atomically (`-o`: folders created, never onto the
 * input). Every failure is one line, exit 2.
 */
export async function runRender(file: string, opts: RenderCliOptions, io: MainIO): Promise<number> {
  const lang: Lang = opts.lang ?? langFromEnv(io.env ?? process.env);
  const shown = sanitize(file);
  const read = { lang, maxFileSize: opts.maxFileSize === undefined ? DEFAULT_MAX_FILE_SIZE : parseSize(opts.maxFileSize, lang) };
  const inputId = file === '-' ? undefined : fileId(file);
  const inputs = new Set(inputId ? [inputId] : []);
  if (opts.output && inputId !== undefined && fileId(opts.output) === inputId) throw new UsageError(t(lang, 'writeFile.isInput', { file: sanitize(opts.output) }));
  let input: Input;
  try {
    input = file === '-' ? await readStream(io.stdin ?? process.stdin, read) : readInput(file, read);
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(sanitize(error.message));
    throw new UsageError(t(lang, 'input.unreadable', { file: shown, detail: sanitize((error as NodeJS.ErrnoException).code ?? (error as Error).message) }));
  }
  if ('finding' in input) throw new UsageError(t(lang, 'render.parse', { file: shown, detail: input.finding.message }));
  const loaded = loadReport(input.bytes, file === '-' ? 'stdin.yaml' : file, lang);
  if (loaded.data === undefined) {
    const first = loaded.findings[0];
    const where = first?.position ? `${first.position.line}:${first.position.column} ` : '';
    throw new UsageError(t(lang, 'render.parse', { file: shown, detail: sanitize(`${where}${first?.message ?? ''}`) }));
  }
  if (typeof loaded.data !== 'object' || loaded.data === null || Array.isArray(loaded.data)) {
    throw new UsageError(t(lang, 'render.notReport', { file: shown }));
  }
  const text = renderReport(loaded.data as Report, opts.to);
  if (opts.output) writeOutput(opts.output, text, lang, { inputs });
  else io.stdout.write(text);
  return 0;
}
