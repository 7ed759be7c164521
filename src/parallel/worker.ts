import { parentPort } from 'node:worker_threads';
import { lintFileKeyed } from '../lint-file.js';
import type { FromWorker, TaskAnswer, ToWorker } from './protocol.js';

/** A --jobs worker thread: lints batches of files exactly as the main thread would. */
parentPort!.on('message', (batch: ToWorker) => {
  if (batch === null) {
    parentPort!.close();
    return;
  }
  const answers: TaskAnswer[] = batch.tasks.map(({ index, file, options }) => {
    try {
      return { index, ...lintFileKeyed(file, batch.options[options]!) };
    } catch (error) {
      const e = error as Error;
      return { index, error: { name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) } };
    }
  });
  parentPort!.postMessage(answers satisfies FromWorker);
});
// Ready: the pool hands out batches from now on (src/parallel/run.ts).
parentPort!.postMessage([] satisfies FromWorker);
