import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ConfigError, UsageError } from '../errors.js';
import { lintFileKeyed } from '../lint-file.js';
import type { PairKey } from '../cross-year/pair-key.js';
import type { FileResult } from '../types.js';
import type { FileTask, FromWorker, TaskAnswer } from './protocol.js';

/** Below this many files a worker's start-up (loading the linter again) costs more than it saves. */
export const PARALLEL_MIN_FILES = 200;
/** Files per message: large enough to amortise messaging, small enough to balance the threads. */
const BATCH = 50;

/**
 * How many threads a run uses: `--jobs N` as given; by default the cores, one for small runs.
 * On two cores or fewer the default is one thread: measured on a 2-core machine (bench/NOTES.md),
 * two workers used 1.4× the CPU of one thread, were slower for 1,000 files, at most 8% faster
 * for 10,000, and added ~75 MB of memory.
 */
export function threadsFor(fileCount: number, jobs: number | undefined, cores = availableParallelism()): number {
  const wanted = jobs === undefined ? (fileCount >= PARALLEL_MIN_FILES && cores > 2 ? cores : 1) : Math.max(1, jobs);
  return Math.max(1, Math.min(wanted, Math.ceil(fileCount / BATCH)));
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
  if (threads <= 1 || !existsSync(fileURLToPath(workerUrl))) {
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
    const batch = (): FileTask[] | null => {
      if (nextTask >= files.length) return null;
      const tasks: FileTask[] = [];
      for (const end = Math.min(nextTask + BATCH, files.length); nextTask < end; nextTask++) {
        tasks.push({ index: nextTask, file: files[nextTask]!, options: optionsFor(files[nextTask]!) });
      }
      return tasks;
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
      const worker = new Worker(workerUrl);
      workers.push(worker);
      worker.on('message', (done: FromWorker) => {
        for (const answer of done) answers[answer.index] = answer;
        worker.postMessage(batch());
        drain();
      });
      worker.on('error', (error) => finish(error));
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
