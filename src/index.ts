/** Public API. */
export { lintSource, loadReport, lintLoaded, type LintOptions } from './check/lint.js';
export { rules } from './check/rules/index.js';
export { loadBinaryFormatter, loadFormatter } from './format/index.js';
export type * from './types.js';
