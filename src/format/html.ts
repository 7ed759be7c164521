import type { Formatter } from '../types.js';
import { renderPage } from './html/page.js';

/**
 * `--format html`: one standalone page for people. Each file's official tables with the
 * wrong cells marked, the numbered list of its diagnostics under them and, for a run of
 * many files, a summary at the top. The tables need the report data: the run keeps it in
 * `FileResult.data` when this format is asked for (a result without it gets the list only).
 */
const html: Formatter = (results, { lang }) => renderPage(results, lang);
export default html;
