/** Public API. */
export { lintSource, loadReport, lintLoaded, type LintOptions } from './lint.js';
export { rules } from './rules/index.js';
export { loadFormatter } from './format/index.js';
export type * from './types.js';
