/**
 * A real browser for the HTML report tests: a Chromium or Chrome found on the machine, driven by
 * playwright-core. Never downloads a browser and never installs one: without a browser the
 * tests are skipped with a notice, unless REPORT_LINT_REQUIRE_BROWSER=1 (set by .ci/run, which
 * installs Debian's chromium when missing), when they fail instead, so CI never skips them.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Set to 1 where a missing browser must fail the tests rather than skip them (CI). */
export const REQUIRE_BROWSER = process.env.REPORT_LINT_REQUIRE_BROWSER === '1';

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const isFile = (file: string) => {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

/** Where browsers are installed when they are not on PATH: Linux packages and snaps, macOS, Windows. */
export const BROWSER_PLACES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/opt/google/chrome/chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  join(homedir(), 'Applications/Google Chrome.app/Contents/MacOS/Google Chrome'),
  ...['PROGRAMFILES', 'PROGRAMFILES(X86)', 'LOCALAPPDATA'].map((v) => process.env[v]).filter((d): d is string => !!d).map((d) => join(d, 'Google/Chrome/Application/chrome.exe')),
];
const BROWSER_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

/** The browser playwright would have downloaded (for another project); it never downloads one here. */
function playwrightDownload(): string[] {
  try {
    return [chromium.executablePath()];
  } catch {
    return [];
  }
}

/**
 * The browser to drive: REPORT_LINT_CHROMIUM or CHROME_PATH when set, else the first Chromium
 * or Chrome on PATH or at one of `places`, else one playwright downloaded earlier. Undefined
 * when there is none.
 */
export function findBrowser(env: NodeJS.ProcessEnv = process.env, places: string[] = [...BROWSER_PLACES, ...playwrightDownload()]): string | undefined {
  const named = env.REPORT_LINT_CHROMIUM || env.CHROME_PATH;
  if (named) return named;
  const exe = process.platform === 'win32' ? '.exe' : '';
  const onPath = (env.PATH ?? '').split(delimiter).filter(Boolean).flatMap((dir) => BROWSER_NAMES.map((name) => join(dir, name + exe)));
  return [...onPath, ...places].find(isFile);
}

const NOT_FOUND = 'no Chromium or Chrome on this machine (looked at REPORT_LINT_CHROMIUM / CHROME_PATH, on PATH and at the usual places)';

/** What the tests say when they skip: on every skipped test and once on stderr. */
export const NO_BROWSER_NOTICE = `${NOT_FOUND}: the browser tests of the HTML report are SKIPPED. Install chromium or Chrome to run them; REPORT_LINT_REQUIRE_BROWSER=1 makes this a failure (CI).`;

export interface BrowserSession {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Start the browser headless with a fresh profile directory; fails with a message naming the browser. */
export async function launchBrowser(): Promise<BrowserSession> {
  const executable = findBrowser();
  if (!executable || !existsSync(executable)) {
    throw new Error(`The HTML report tests need a browser (REPORT_LINT_REQUIRE_BROWSER=1): ${executable ? `${executable} does not exist` : NOT_FOUND}. .ci/run installs Debian's chromium.`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'report-lint-chromium-'));
  let context: BrowserContext;
  try {
    // A persistent context is how playwright takes a --user-data-dir: a fresh one per run.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: executable,
      headless: true,
      args: LAUNCH_ARGS,
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      timeout: 60_000,
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw new Error(`Could not start ${executable} for the HTML report tests: ${(error as Error).message.split('\n')[0]}`);
  }
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface PageWatch {
  page: Page;
  /** Console messages of type error and uncaught page errors. */
  errors: string[];
  /** Every request the page tried that was not the page file itself (all are aborted). */
  requests: string[];
}

/**
 * Open a page file with every request other than that file aborted and recorded, and every
 * console error recorded, so that a test can assert the page needs nothing from outside.
 */
export async function openPage(session: BrowserSession, file: string): Promise<PageWatch> {
  const page = await session.context.newPage();
  const url = pathToFileURL(file).href;
  const watch: PageWatch = { page, errors: [], requests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') watch.errors.push(message.text());
  });
  page.on('pageerror', (error) => watch.errors.push(String(error)));
  // Requests the router does not see (other file:// URLs) still fire this event.
  page.on('request', (request) => {
    if (request.url() !== url && !watch.requests.includes(request.url())) watch.requests.push(request.url());
  });
  await page.route('**/*', async (route) => {
    const requested = route.request().url();
    if (requested === url) return route.continue();
    if (!watch.requests.includes(requested)) watch.requests.push(requested);
    return route.abort();
  });
  await page.goto(url, { waitUntil: 'load' });
  return watch;
}
