import type { LintOptions } from '../check/lint.js';
import type { IgnoreEntry } from '../check/suppressions.js';
import type { PairKey } from '../cross-year/pair-key.js';
import type { FileResult } from '../types.js';

/** Everything lintFile needs for one file, as plain data a worker can receive. */
export interface FileTask {
  index: number;
  file: string;
  options: LintOptions & { ignores?: readonly IgnoreEntry[] };
}

/** One task's answer: the result, or the error lintFile threw (rethrown in file order by the pool). */
export type TaskAnswer =
  | { index: number; result: FileResult; pairKey?: PairKey }
  | { index: number; error: { name: string; message: string; stack?: string } };

/**
 * main → worker: a batch of tasks, or `null` to finish. Files of a run mostly share one options
 * object: each distinct one is sent once per batch and tasks name it by its index there.
 */
export type ToWorker = { options: FileTask['options'][]; tasks: { index: number; file: string; options: number }[] } | null;
/** worker → main: the batch's answers (and so: ready for the next batch). */
export type FromWorker = TaskAnswer[];
