#!/usr/bin/env node
// `prepare`: npm runs it after `npm ci` / `npm install` in a clone, and when it installs
// report-lint from git, which is how pre-commit installs a `language: node` hook: pre-commit
// 4.6 runs `npm install -g git+file://<its clone of the hook repository>`, older versions
// `npm install` in that clone, then `npm pack` and `npm install -g` of the tarball. The packed
// package has no `prepare` (scripts/pack.mjs takes it out): a registry install never builds.
//
// It builds (npm run build) unless dist/ is already the build of these sources (the build id,
// scripts/build-id.mjs). When the build's packages are missing it installs them first, into
// this folder: for a git dependency npm prepares the clone with a nested `npm install` that
// inherits the outer command's configuration, and with npm 11 under `npm install -g` that
// nested install is global too, so the clone's node_modules stays empty and the build could
// not find its packages (pre-commit's install of the hook failed so).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { upToDate } from './build-id.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const log = (line) => process.stderr.write(`report-lint prepare: ${line}\n`);

/** npm itself: the one running this script when there is one, else the `npm` on PATH. */
function npm(args, env = process.env) {
  const execPath = process.env.npm_execpath;
  const [command, argv] = execPath && /\.[cm]?js$/.test(execPath) ? [process.execPath, [execPath, ...args]] : ['npm', args];
  const r = spawnSync(command, argv, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], env, shell: process.platform === 'win32' && command === 'npm' });
  if (r.status !== 0) {
    log(`npm ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`})`);
    process.exit(1);
  }
}

/** The packages the build itself loads (build-validators.mjs, tsc, bundle-fast-start.mjs). */
const BUILD_PACKAGES = ['ajv', 'ajv-formats', 'typescript', 'rolldown'];

if (upToDate(ROOT)) {
  log('dist/ is the build of these sources (build id); nothing to do');
} else {
  if (!BUILD_PACKAGES.every((name) => existsSync(join(ROOT, 'node_modules', name, 'package.json')))) {
    log('installing the packages the build needs into this folder (npm ci)');
    // Local, whatever the outer npm command was; the lock file pins every version.
    npm(['ci', '--global=false', '--include=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { ...process.env, npm_config_global: 'false' });
  }
  npm(['run', 'build']);
}
