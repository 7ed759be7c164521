import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ConfigError, UsageError } from '../errors.js';
import { lintFileKeyed } from '../lint-file.js';
import type { PairKey } from '../cross-year/pair-key.js';
import type { FileResult } from '../types.js';
import type { FileTask, FromWorker, TaskAnswer, ToWorker } from './protocol.js';

/** Below this many files a worker's start-up (loading the linter again) costs more than it saves. */
export const PARALLEL_MIN_FILES = 200;
/** Files per message: large enough to amortise messaging, small enough to balance the threads. */
const BATCH = 50;

/**
 * Young-generation cap of a worker's V8 heap. The heap of a long run grows with its allocation
 * rate, not its live data (a few MB: results keep diagnostics only); measured on 10,000 files
 * (bench/NOTES.md): the main thread's default young generation ends ~70 MB above a 1,000-file
 * run, a worker capped at 6 MB ~35 MB above it, at the same CPU time. Node has no way to cap
 * the main thread's heap from inside, so large runs lint in workers.
 */
export const WORKER_YOUNG_GENERATION_MB = 6;

/**
 * Worker threads for a run; 0 means lint in the main thread. `--jobs N` as given (1: the main
 * thread). By default small runs stay in the main thread (a worker's start-up costs more than
 * it saves), and from PARALLEL_MIN_FILES files on there is one worker per core: measured on a
 * 2-core machine (bench/NOTES.md), 10,000 files took ~15% less time with two workers than with
 * one (for ~20% more CPU), and workers bound the memory of a long run.
 */
export function threadsFor(fileCount: number, jobs: number | undefined, cores = availableParallelism()): number {
  if (jobs !== undefined) return jobs <= 1 ? 0 : Math.min(jobs, Math.ceil(fileCount / BATCH));
  if (fileCount < PARALLEL_MIN_FILES) return 0;
  return Math.min(Math.max(1, cores), Math.ceil(fileCount / BATCH));
}

/**
 * lintFile for every file, in `--jobs` worker threads when it pays, results in the order of
 * `files` whatever thread finished first. Each result is handed to `onResult` in that order as
 * soon as it and all before it are done, so a caller can write or drop it at once.
 * A thrown error (an unreadable file) is rethrown for the first such file, as a serial run would.
 */
export async function lintFiles(
  files: readonly string[],
  optionsFor: (file: string) => FileTask['options'],
  jobs: number | undefined,
  onResult: (result: FileResult, pairKey?: PairKey) => void,
): Promise<void> {
  const workerUrl = new URL('./worker.js', import.meta.url);
  const threads = threadsFor(files.length, jobs);
  // Under vitest the sources are .ts and there is no compiled worker: run in this thread.
  if (threads === 0 || !existsSync(fileURLToPath(workerUrl))) {
    for (const file of files) {
      const { result, pairKey } = lintFileKeyed(file, optionsFor(file));
      onResult(result, pairKey);
    }
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const answers: (TaskAnswer | undefined)[] = new Array(files.length);
    const workers: Worker[] = [];
    let nextTask = 0;
    let nextResult = 0;
    let failed = false;
    const finish = (error?: unknown) => {
      if (failed) return;
      if (error !== undefined) failed = true;
      for (const w of workers) void w.terminate();
      if (error !== undefined) reject(error);
      else resolve();
    };
    const batch = (): ToWorker => {
      if (nextTask >= files.length) return null;
      const options: FileTask['options'][] = [];
      const tasks: NonNullable<ToWorker>['tasks'] = [];
      for (const end = Math.min(nextTask + BATCH, files.length); nextTask < end; nextTask++) {
        const file = files[nextTask]!;
        const fileOptions = optionsFor(file);
        let at = options.indexOf(fileOptions);
        if (at === -1) at = options.push(fileOptions) - 1;
        tasks.push({ index: nextTask, file, options: at });
      }
      return { options, tasks };
    };
    const drain = () => {
      while (nextResult < files.length && answers[nextResult] !== undefined) {
        const answer = answers[nextResult]!;
        answers[nextResult++] = undefined; // hand it on, keep nothing
        if ('error' in answer) return finish(revive(answer.error));
        onResult(answer.result, answer.pairKey);
      }
      if (nextResult === files.length) finish();
    };
    for (let i = 0; i < threads; i++) {
      // Started from its CommonJS loader: the worker code as one code-cached bundle when the build
      // has a fresh one (src/parallel/worker-loader.cts), else ./worker.js itself.
      const worker = new Worker(new URL('./worker-loader.cjs', workerUrl), { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
      workers.push(worker);
      worker.on('message', (done: FromWorker) => {
        for (const answer of done) answers[answer.index] = answer;
        worker.postMessage(batch());
        drain();
      });
      worker.on('error', (error) => finish(error));
      // Two batches in flight: the worker starts the second while the first one's answer travels.
      worker.postMessage(batch());
      worker.postMessage(batch());
    }
  });
}

/** The error a worker caught, as the same class the serial run would have thrown. */
function revive(e: { name: string; message: string; stack?: string }): Error {
  const error = e.name === 'UsageError' ? new UsageError(e.message) : e.name === 'ConfigError' ? new ConfigError(e.message) : new Error(e.message);
  if (e.stack) error.stack = e.stack;
  return error;
}
