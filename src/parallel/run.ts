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
 * it saves), and from PARALLEL_MIN_FILES files on there may be one worker per core (lintFiles
 * starts them only when the files left would take longer than starting them): measured on a
 * 2-core machine (bench/NOTES.md), 10,000 files took ~15% less time with two workers than with
 * one (for ~20% more CPU), and workers bound the memory of a long run.
 */
export function threadsFor(fileCount: number, jobs: number | undefined, cores = availableParallelism()): number {
  if (jobs !== undefined) return jobs <= 1 ? 0 : Math.min(jobs, Math.ceil(fileCount / BATCH));
  if (fileCount < PARALLEL_MIN_FILES) return 0;
  return Math.min(Math.max(1, cores), Math.ceil(fileCount / BATCH));
}

/**
 * What starting the workers costs a default run, as a multiple of this process's own start-up
 * (Node, the CLI, the file list: `performance.now()` when the linting begins). Measured on 2
 * cores (bench/NOTES.md): two workers starting at once take ~134 ms to their first answer where
 * the process took ~90 ms to get there; on a slower or busier machine both grow alike. Workers
 * only pay when the files left would take one thread longer than that.
 */
export const WORKER_START_FACTOR = 1.5;

/** Whether starting workers pays for a default run: the files left take one thread longer than the workers take to start. */
export const workersPay = (filesLeft: number, perFileMs: number, startedUpMs: number): boolean => filesLeft * perFileMs > startedUpMs * WORKER_START_FACTOR;

/**
 * lintFile for every file, in `--jobs` worker threads when it pays, results in the order of
 * `files` whatever thread finished first. Each result is handed to `onResult` in that order as
 * soon as it and all before it are done, so a caller can write or drop it at once.
 * A thrown error (an unreadable file) is rethrown for the first such file, as a serial run would.
 *
 * A default run (no --jobs) starts in this thread: it lints the first batch, and starts workers
 * only when the rest, at that batch's pace, would take longer than starting them
 * (WORKER_START_FACTOR); while they start, this thread goes on linting, and hands out batches once
 * one is ready. So a run that workers would not speed up stays in one thread, no thread waits
 * idle for the workers, and this thread's heap stays small on long runs (workers do the most).
 * `--jobs N` starts N workers at once and only hands out batches.
 */
export async function lintFiles(
  files: readonly string[],
  optionsFor: (file: string) => FileTask['options'],
  jobs: number | undefined,
  onResult: (result: FileResult, pairKey?: PairKey) => void,
): Promise<void> {
  const workerUrl = new URL('./worker.js', import.meta.url);
  const threads = threadsFor(files.length, jobs);
  const lintHere = (from: number, to: number, times?: number[]) => {
    for (let i = from; i < to; i++) {
      const began = times ? performance.now() : 0;
      const { result, pairKey } = lintFileKeyed(files[i]!, optionsFor(files[i]!));
      onResult(result, pairKey);
      times?.push(performance.now() - began);
    }
  };
  // Under vitest the sources are .ts and there is no compiled worker: run in this thread.
  if (threads === 0 || !existsSync(fileURLToPath(workerUrl))) return lintHere(0, files.length);
  let start = 0;
  if (jobs === undefined) {
    const startedUp = performance.now();
    const times: number[] = [];
    start = Math.min(BATCH, files.length);
    lintHere(0, start, times);
    // The median: the first files also compile code, and a busy machine takes the thread away now
    // and then (single files 20–80 ms where most take under 1 ms).
    const perFile = times.sort((a, b) => a - b)[times.length >> 1]!;
    if (!workersPay(files.length - start, perFile, startedUp)) return lintHere(start, files.length);
  }
  await inWorkers(files, start, optionsFor, threads, jobs === undefined, onResult);
}

/** Files from `start` on in `threads` workers (and in this thread until one is ready, when `helpHere`). */
function inWorkers(
  files: readonly string[],
  start: number,
  optionsFor: (file: string) => FileTask['options'],
  threads: number,
  helpHere: boolean,
  onResult: (result: FileResult, pairKey?: PairKey) => void,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const answers: (TaskAnswer | undefined)[] = new Array(files.length);
    const workers: Worker[] = [];
    let nextTask = start;
    let nextResult = start;
    let failed = false;
    let done = false;
    let workerReady = false;
    const finish = (error?: unknown) => {
      if (failed || done) return;
      if (error !== undefined) failed = true;
      else done = true;
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
      // left one of this build (src/parallel/worker-loader.cts), else ./worker.js itself.
      const worker = new Worker(new URL('./worker-loader.cjs', import.meta.url), { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
      workers.push(worker);
      let started = false;
      worker.on('message', (answered: FromWorker) => {
        for (const answer of answered) answers[answer.index] = answer;
        // Its first message says it is ready: two batches in flight from then on (it starts the
        // second while the first one's answer travels).
        if (!started) {
          started = workerReady = true;
          worker.postMessage(batch());
        }
        worker.postMessage(batch());
        drain();
      });
      worker.on('error', (error) => finish(error));
    }
    // This thread's share until a worker is ready: a batch at a time, letting the workers' messages in between.
    const helpOut = () => {
      if (!helpHere || workerReady || failed || done || nextTask >= files.length) return;
      const from = nextTask;
      nextTask = Math.min(from + BATCH, files.length);
      for (let i = from; i < nextTask; i++) {
        try {
          answers[i] = { index: i, ...lintFileKeyed(files[i]!, optionsFor(files[i]!)) };
        } catch (error) {
          const e = error as Error;
          answers[i] = { index: i, error: { name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) } };
        }
      }
      drain();
      setImmediate(helpOut);
    };
    helpOut();
  });
}

/** The error a worker caught, as the same class the serial run would have thrown. */
function revive(e: { name: string; message: string; stack?: string }): Error {
  const error = e.name === 'UsageError' ? new UsageError(e.message) : e.name === 'ConfigError' ? new ConfigError(e.message) : new Error(e.message);
  if (e.stack) error.stack = e.stack;
  return error;
}
