import type { Lang } from './types.js';

/**
 * What a command gets from the process: its arguments and streams (tests pass their own). At the
 * bottom of src/, with types.ts: the entry point (src/cli/main.ts), its commands and the features they
 * run all take it, and none of them has to import the entry point for it.
 */
export interface MainIO {
  argv: string[];
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  stdin?: NodeJS.ReadableStream;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** What a command's action hands back to main(): the exit code. */
export interface CommandState {
  code: number;
  debug: boolean;
  /** `--lang` or the locale, read from argv before parsing so every message can use it. */
  lang: Lang;
}
