import type { OutputPlan } from '../format/outputs.js';
import { t } from '../i18n/index.js';
import type { Lang } from '../types.js';
import { SiteWriter } from './site-writer.js';
import { isSiteOutput, SITE_MIN_FILES } from './target.js';

export { SiteWriter } from './site-writer.js';
export { isSiteOutput, SITE_MIN_FILES } from './target.js';

/**
 * Take the html output that is a folder (src/site/target.ts) out of the run's outputs and open a
 * site writer for it; the other outputs are written at the end as usual. A large run whose html
 * still goes to one page (a `.html` file, stdout) gets a warning that names the way out.
 */
export function openSite(
  outputs: readonly OutputPlan[],
  fileCount: number,
  options: { cwd: string; lang: Lang; cleanPages?: boolean; errorsOnly?: boolean },
  stderr: NodeJS.WritableStream,
): { site?: SiteWriter; outputs: OutputPlan[] } {
  const plan = outputs.find((o) => o.name === 'html' && o.file !== undefined && isSiteOutput(o.file, options.cwd, fileCount));
  if (!plan) {
    if (fileCount >= SITE_MIN_FILES && outputs.some((o) => o.name === 'html')) stderr.write(`report-lint: ${t(options.lang, 'site.largePage', { files: fileCount })}\n`);
    return { outputs: [...outputs] };
  }
  const rest = outputs.filter((o) => o !== plan);
  // A single html page beside the site still needs each report's data at the end.
  return { site: new SiteWriter({ ...options, dir: plan.file!, keepData: rest.some((o) => o.name === 'html') }), outputs: rest };
}
