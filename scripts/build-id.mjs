// The build id: a hash of everything the build (npm run build) makes dist/ from, and of the
// Node that made the code caches. scripts/bundle-fast-start.mjs writes it into the bundles and
// into dist/cached-bundle.cjs (src/cached-bundle.cts compares the two when a run starts, by
// content, never by file times); scripts/prepare.mjs and scripts/pack.mjs compare it with the
// sources to skip a build that is already up to date.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** What the build reads. The warm-up reports (fixtures/) only shape the code caches, not what runs. */
const INPUTS = ['src', 'schemas', 'scripts/build-validators.mjs', 'scripts/bundle-fast-start.mjs', 'scripts/build-id.mjs', 'tsconfig.json', 'package-lock.json'];

function files(root, path) {
  const full = join(root, path);
  let stat;
  try {
    stat = statSync(full);
  } catch {
    return [];
  }
  if (!stat.isDirectory()) return [path];
  return readdirSync(full)
    .sort()
    .flatMap((name) => files(root, join(path, name)));
}

/** 32 hex digits; the same sources, package versions and Node give the same id. */
export function buildId(root) {
  const hash = createHash('sha256');
  // package.json without its scripts: `npm pack` takes `prepare` out of it for the packed copy
  // (scripts/pack.mjs), which changes nothing the build makes.
  const { scripts: _scripts, ...manifest } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  hash.update(`node ${process.version} ${process.arch}\0package.json\0${JSON.stringify(manifest)}\0`);
  for (const file of INPUTS.flatMap((path) => files(root, path))) {
    hash.update(`${relative(root, join(root, file)).split(sep).join('/')}\0`);
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 32);
}

/** The build id dist/cached-bundle.cjs carries, or undefined (no build, or a plain `tsc` build). */
export function builtId(root) {
  try {
    return /^const BUILD_ID = '([0-9a-f]{32})';$/m.exec(readFileSync(join(root, 'dist/cached-bundle.cjs'), 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

/**
 * True when dist/ is the build of the sources as they are: the build id in the loader matches
 * the sources' and every bundle and code cache is there with that id.
 */
export function upToDate(root) {
  const id = builtId(root);
  if (!id || id !== buildId(root)) return false;
  for (const name of ['fast-start', 'worker', 'cli']) {
    try {
      const tail = readFileSync(join(root, `dist/fast-start/${name}.cjs`), 'utf8').slice(-120);
      if (!tail.includes(`\n// build-id: ${id}\n`)) return false;
      statSync(join(root, `dist/fast-start/${name}.cache`));
    } catch {
      return false;
    }
  }
  return true;
}
