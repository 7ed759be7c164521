import type { Formatter } from '../types.js';
import { sanitizeLines } from '../util/sanitize.js';
import { renderPage } from './html/page.js';

/**
 * `--format html`: one standalone page for people. Each file's official tables with the
 * wrong cells marked, the numbered list of its diagnostics under them and, for a run of
 * many files, a summary at the top. The tables need the report data: the run keeps it in
 * `FileResult.data` when this format is asked for (a result without it gets the list only).
 */
const html: Formatter = (results, { lang }) => safePage(renderPage(results, lang));

/**
 * The page goes to stdout too, where a CI runner reads every line and a terminal may show it:
 * every line of it, the report data in the tables included, through `sanitizeLines` (control
 * and bidi characters shown as escapes, `##[` and a leading `::` broken). The page's own markup,
 * style and script hold none of these, so they pass unchanged (test/injection.test.ts checks a
 * clean page is left as it was).
 */
const safePage = (page: string) => sanitizeLines(page);
export default html;
