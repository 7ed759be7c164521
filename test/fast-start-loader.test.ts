import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** These use the compiled code (`npm test` builds first: `npm run build`, not only `tsc`). */
const LOADER = resolve('dist/cli/fast-start-loader.cjs');
const loader = createRequire(import.meta.url)(LOADER) as {
  BUNDLE: string;
  CACHE: string;
  cacheFor(source: string): Buffer | undefined;
  sealBundle(code: string, buildId: string, key: string): string;
};

/** A script run by a plain `node`, as the bin runs (V8 takes a code cache only under the same flags). */
const node = (script: string, env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '', LANG: 'zh_CN.UTF-8', LC_ALL: '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('fast start loader (bundle and code cache)', () => {
  it('the build leaves a fresh bundle and a code cache V8 accepts for it', () => {
    expect(loader.cacheFor(readFileSync(loader.BUNDLE, 'utf8'))).toBeDefined();
    const r = node(`
      const l = require(${JSON.stringify(LOADER)});
      const source = require('node:fs').readFileSync(l.BUNDLE, 'utf8');
      process.stdout.write(String(l.compileBundle(source, l.cacheFor(source)).script.cachedDataRejected));`);
    expect(r).toEqual({ code: 0, stdout: 'false', stderr: '' });
  });

  it('uses a code cache only with the bundle text it was made for', () => {
    const source = readFileSync(loader.BUNDLE, 'utf8');
    const code = source.replace(/\/\/ build-id: \w+\n\/\/ code-cache-key: \w+\n$/, '');
    expect(code).not.toBe(source);
    const buildId = /build-id: (\w+)/.exec(source.slice(code.length))![1]!;
    expect(loader.cacheFor(loader.sealBundle(code, buildId, '0'.repeat(32)))).toBeUndefined();
    expect(loader.cacheFor(code)).toBeUndefined();
  });

  it('the colour path works inside the bundle (formatters come from the loader, no warning)', () => {
    const r = node(`
      const l = require(${JSON.stringify(LOADER)});
      let out = '';
      const stdout = { isTTY: true, write: (s) => ((out += s), true) };
      l.fastStart({ argv: ['fixtures/examples/2020-wanglejing.yaml'], stdout, stderr: stdout }).then((code) => process.stdout.write(code + ' ' + JSON.stringify(out)));`);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [code, out] = [r.stdout.slice(0, 2), JSON.parse(r.stdout.slice(2)) as string];
    expect(code).toBe('0 ');
    expect(out).toMatch(/^\u001b\[32m✔ .*\u001b\[39m\n$/);
  });
});
