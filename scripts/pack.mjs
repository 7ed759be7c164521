#!/usr/bin/env node
// `npm pack` and `npm publish`:
//   prepack:  the build (unless dist/ is already the build of these sources, scripts/build-id.mjs),
//             then package.json without `prepare` for the packed copy;
//   postpack: package.json back as it was.
// The packed package must not carry `prepare` (a script npm runs on installs from git and from
// folders, and which tools that audit install scripts flag), but the repository needs it: a clone's
// `npm ci` builds with it, and pre-commit installs the hook from git (scripts/prepare.mjs). This
// is what pinst and clean-pkg-json do for other projects. The original is kept byte for byte in
// .package.json.prepack until postpack; a pack that stopped half-way is undone by the next one.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { upToDate } from './build-id.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MANIFEST = join(ROOT, 'package.json');
const SAVED = join(ROOT, '.package.json.prepack');
const log = (line) => process.stderr.write(`report-lint ${process.argv[2]}: ${line}\n`);

/** Whole files only: write aside, then rename (npm reads package.json while it packs). */
const writeWhole = (file, data) => {
  writeFileSync(`${file}.${process.pid}.tmp`, data);
  renameSync(`${file}.${process.pid}.tmp`, file);
};

function restore() {
  if (!existsSync(SAVED)) return false;
  writeWhole(MANIFEST, readFileSync(SAVED));
  unlinkSync(SAVED);
  return true;
}

switch (process.argv[2]) {
  case 'prepack': {
    if (restore()) log('package.json restored from an earlier pack that did not finish');
    if (upToDate(ROOT)) log('dist/ is the build of these sources (build id); not building again');
    else {
      const execPath = process.env.npm_execpath;
      const [command, argv] = execPath && /\.[cm]?js$/.test(execPath) ? [process.execPath, [execPath, 'run', 'build']] : ['npm', ['run', 'build']];
      const r = spawnSync(command, argv, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32' && command === 'npm' });
      if (r.status !== 0) process.exit(r.status ?? 1);
    }
    const original = readFileSync(MANIFEST);
    const manifest = JSON.parse(original.toString('utf8'));
    if (manifest.scripts?.prepare) {
      delete manifest.scripts.prepare;
      writeWhole(SAVED, original);
      writeWhole(MANIFEST, JSON.stringify(manifest, null, 2) + '\n');
    }
    break;
  }
  case 'postpack':
    restore();
    break;
  default:
    log('usage: node scripts/pack.mjs prepack|postpack');
    process.exit(2);
}
