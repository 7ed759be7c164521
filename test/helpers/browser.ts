/**
 * A real browser for the HTML report tests: Debian's chromium driven by playwright-core.
 * Never downloads a browser: when /usr/bin/chromium is missing it is installed with apt-get
 * (and a CJK font, so that screenshots show the Chinese labels instead of boxes). When the
 * browser cannot be installed or started, the error says so; the tests then fail, not skip.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

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

function aptInstall(packages: string[]): void {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Root in a container; elsewhere (a CI runner) through sudo without a password prompt.
  const asRoot = process.getuid?.() === 0;
  const apt = (args: string[]) =>
    asRoot
      ? execFileSync('apt-get', args, { env, stdio: 'pipe' })
      : execFileSync('sudo', ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args], { env, stdio: 'pipe' });
  try {
    // Wait for another apt run (unattended upgrades, a parallel job) instead of failing at once.
    apt(['-o', 'DPkg::Lock::Timeout=300', 'update']);
    apt(['-o', 'DPkg::Lock::Timeout=300', 'install', '-y', ...packages]);
  } catch (error) {
    const e = error as { stderr?: Buffer; message: string };
    throw new Error(
      `The HTML report tests need Debian's chromium, and "apt-get install -y ${packages.join(' ')}" failed ` +
        `(run it as root, or install it yourself): ${e.stderr?.toString().trim().split('\n').pop() ?? e.message}`,
    );
  }
}

function hasChineseFont(): boolean {
  try {
    return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
}

/** Install chromium (and a Chinese font) with apt-get when missing; throws a clear message when that fails. */
export function ensureChromium(): void {
  const missing: string[] = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  if (!hasChineseFont()) missing.push('fonts-wqy-microhei');
  if (missing.length > 0) aptInstall(missing);
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get reported success but ${CHROMIUM} does not exist`);
}

export interface BrowserSession {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Start chromium headless with a fresh profile directory; fails with a message naming the browser. */
export async function launchBrowser(): Promise<BrowserSession> {
  ensureChromium();
  const profile = mkdtempSync(join(tmpdir(), 'report-lint-chromium-'));
  let context: BrowserContext;
  try {
    // A persistent context is how playwright takes a --user-data-dir: a fresh one per run.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: LAUNCH_ARGS,
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      timeout: 60_000,
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw new Error(`Could not start ${CHROMIUM} for the HTML report tests: ${(error as Error).message.split('\n')[0]}`);
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
