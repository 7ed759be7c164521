/**
 * How the browser tests find a browser (test/helpers/browser.ts): any Chromium or Chrome on the
 * machine, never a download; none found means skipped with a notice, unless CI requires one.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findBrowser, NO_BROWSER_NOTICE } from './helpers/browser.js';

const dir = mkdtempSync(join(tmpdir(), 'report-lint-browser-find-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fake = (path: string) => {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, 0o755);
  return path;
};

describe('finding a browser for the HTML report tests', () => {
  it('takes the first Chromium or Chrome on PATH, by any of its usual names', () => {
    const chrome = fake(join(dir, 'a/google-chrome-stable'));
    const chromium = fake(join(dir, 'b/chromium-browser'));
    expect(findBrowser({ PATH: [join(dir, 'empty'), join(dir, 'a'), join(dir, 'b')].join(delimiter) }, [])).toBe(chrome);
    expect(findBrowser({ PATH: [join(dir, 'b'), join(dir, 'a')].join(delimiter) }, [])).toBe(chromium);
  });

  it('then looks at the usual places, and an explicit REPORT_LINT_CHROMIUM or CHROME_PATH wins over all', () => {
    const placed = fake(join(dir, 'opt/chrome'));
    expect(findBrowser({ PATH: join(dir, 'empty') }, [join(dir, 'missing/chromium'), placed])).toBe(placed);
    expect(findBrowser({ PATH: join(dir, 'a'), CHROME_PATH: '/x/chrome' }, [placed])).toBe('/x/chrome');
    expect(findBrowser({ PATH: join(dir, 'a'), CHROME_PATH: '/x/chrome', REPORT_LINT_CHROMIUM: '/y/chromium' }, [placed])).toBe('/y/chromium');
  });

  it('finds nothing on a machine without one (a folder named like a browser does not count), and the notice says what to do', () => {
    mkdirSync(join(dir, 'c/chromium'), { recursive: true });
    expect(findBrowser({ PATH: join(dir, 'c') }, [join(dir, 'c/chromium')])).toBeUndefined();
    expect(NO_BROWSER_NOTICE).toContain('SKIPPED');
    expect(NO_BROWSER_NOTICE).toContain('REPORT_LINT_REQUIRE_BROWSER=1');
  });
});
