/**
 * The generated hostile cases (fixtures/hostile/generated/cases.json) are built, not stored: a
 * 10 MB file, a FIFO or a link that loops cannot live in git. Lint and --fix tests build them alike.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MessageKey } from '../../src/i18n/index.js';
import type { LintOptions } from '../../src/check/lint.js';

export interface GeneratedCase {
  name: string;
  make: string;
  bytes?: number;
  count?: number;
  length?: number;
  text?: string;
  options?: LintOptions;
  expect?: { line: number; id: string }[];
  error?: MessageKey;
}

export function readGeneratedCases(): GeneratedCase[] {
  return (JSON.parse(readFileSync('fixtures/hostile/generated/cases.json', 'utf8')) as { cases: GeneratedCase[] }).cases;
}

/** Build one generated case in `dir`; returns its path. */
export function buildGeneratedCase(c: GeneratedCase, dir: string): string {
  const file = join(dir, c.name);
  const example = readFileSync('fixtures/examples/2020-wanglejing.yaml', 'utf8');
  switch (c.make) {
    case 'spaces':
      writeFileSync(file, Buffer.alloc(c.bytes!, 0x20));
      break;
    case 'example':
      writeFileSync(file, example);
      break;
    case 'keys':
      writeFileSync(file, Array.from({ length: c.count! }, (_, i) => `k${i}: ${i}\n`).join(''));
      break;
    case 'json-keys':
      writeFileSync(file, '{\n' + Array.from({ length: c.count! }, (_, i) => `  "k${i}": ${i}`).join(',\n') + '\n}\n');
      break;
    case 'comment-lines':
      writeFileSync(file, '# comment\n'.repeat(c.count!));
      break;
    case 'repeat':
      writeFileSync(file, c.text!.repeat(c.count!));
      break;
    case 'long-agency':
      writeFileSync(file, example.replace(/^agency: .*$/m, `agency: "${'某'.repeat(c.length!)}"`));
      break;
    case 'fifo':
      spawnSync('mkfifo', [file]);
      break;
    case 'directory':
      mkdirSync(file);
      break;
    case 'broken-symlink':
      symlinkSync(join(dir, 'does-not-exist.yaml'), file);
      break;
    case 'self-symlink':
      symlinkSync(file, file);
      break;
    default:
      throw new Error(`unknown make: ${c.make}`);
  }
  return file;
}
