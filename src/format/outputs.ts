import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { isBinaryFormat, loadBinaryFormatter, loadFormatter } from './index.js';
import { t } from '../i18n/index.js';
import type { BinaryFormatter, FileResult, Formatter, Lang } from '../types.js';
import { sanitize } from '../util/sanitize.js';
import { writeFileAtomic, WriteFailure } from '../util/write-file.js';

/** One `--format` and where it goes: a file from the `--output` at the same position, or stdout. */
export interface OutputPlan {
  name: string;
  /** A text format; a binary one (xlsx) has `binary` instead. */
  formatter?: Formatter;
  binary?: BinaryFormatter;
  /** Undefined: standard output. */
  file?: string;
}

/**
 * Pair `--format`s with `--output`s by position (`-f sarif -o a.sarif -f stylish` sends sarif
 * to a.sarif and stylish to the terminal). Formats without an output go to stdout, and at most
 * one may: two documents on one stream could not be told apart.
 */
export async function planOutputs(formats: readonly string[], outputs: readonly string[], cwd: string, lang: Lang): Promise<OutputPlan[]> {
  const names = formats.length > 0 ? formats : ['stylish'];
  if (outputs.length > names.length) throw new UsageError(t(lang, 'cli.outputWithoutFormat', { formats: names.length, outputs: outputs.length }));
  if (names.length - outputs.length > 1) throw new UsageError(t(lang, 'cli.twoFormatsOnStdout', { formats: names.slice(outputs.length).join(', ') }));
  const seen = new Set<string>();
  for (const o of outputs) {
    const key = resolve(cwd, o);
    if (seen.has(key)) throw new UsageError(t(lang, 'cli.outputTwice', { file: o }));
    seen.add(key);
  }
  return Promise.all(
    names.map(async (name, i) => ({
      name,
      ...(isBinaryFormat(name) ? { binary: await loadBinaryFormatter(name, lang) } : { formatter: await loadFormatter(name, lang) }),
      ...(i < outputs.length ? { file: outputs[i]! } : {}),
    })),
  );
}

/**
 * Render every planned output; files get their folders created (CI writes into fresh ones).
 * Each file is written whole or not at all (writeFileAtomic: a failed write leaves an existing
 * file as it was); when one fails, the message names the files written before it.
 */
export async function writeOutputs(
  plans: readonly OutputPlan[],
  results: readonly FileResult[],
  ctx: { cwd: string; lang: Lang; color: boolean },
  stdout: NodeJS.WritableStream,
): Promise<void> {
  const written: string[] = [];
  for (const plan of plans) {
    // cli.md: colour only on a TTY, never into a file.
    const formatCtx = { cwd: ctx.cwd, lang: ctx.lang, color: plan.file === undefined && ctx.color };
    const text = plan.binary ? await plan.binary(results, formatCtx) : plan.formatter!(results, formatCtx);
    if (plan.file === undefined) {
      stdout.write(text);
      continue;
    }
    try {
      writeFileAtomic(resolve(ctx.cwd, plan.file), text, { makeParents: true });
    } catch (error) {
      const code = error instanceof WriteFailure ? error.code : ((error as NodeJS.ErrnoException).code ?? String(error));
      const message = t(ctx.lang, 'cli.cannotWrite', { file: sanitize(plan.file), code });
      throw new UsageError(written.length > 0 ? t(ctx.lang, 'write.writtenBefore', { message, files: written.join(', ') }) : message);
    }
    written.push(sanitize(plan.file));
  }
}
