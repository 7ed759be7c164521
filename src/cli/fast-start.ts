import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { MainIO } from '../io.js';
import { langFromEnv } from '../i18n/index.js';

/** As src/config/load.ts looks for them. */
const CONFIG_NAMES = ['.report-lint.yaml', '.report-lint.yml'];

/**
 * `report-lint one-report.yaml` from a pre-commit hook, the common case, without loading the
 * command-line parser, the config loader, the `yaml` package or Ajv. It handles only a run it
 * can prove clean: one existing report file, no options, no config file, no suppression
 * comments, no diagnostic at all. Anything else returns undefined and bin/report-lint.js runs
 * the full CLI (src/cli/main.ts), which then gives the exact same answer the slow way.
 * test/jobs.test.ts checks that both paths print the same.
 *
 * `loadFormat` is how the colour path gets the formatters: the code-cached bundle
 * (src/cli/fast-start-loader.cts) runs in a vm.Script, where import() would need an
 * experimental flag on Node 20, so it passes its own.
 */
export async function fastStart(
  io: MainIO,
  loadFormat: () => Promise<typeof import('../format/index.js')> = () => import('../format/index.js'),
): Promise<number | undefined> {
  const { argv } = io;
  if (argv.length !== 1) return undefined;
  const file = argv[0]!;
  // Options, stdin, globs, other extensions, hidden or node_modules paths: the full CLI decides.
  if (file.startsWith('-') || /[*?[\]{}]/.test(file) || !/\.(ya?ml|json)$/i.test(file)) return undefined;
  if (file.split(/[\\/]/).some((seg) => seg === 'node_modules' || (seg.startsWith('.') && seg !== '.' && seg !== '..'))) return undefined;
  const env = io.env ?? process.env;
  const cwd = io.cwd ?? process.cwd();
  if (hasConfigFile(cwd)) return undefined;
  let bytes: Buffer;
  try {
    // lstat: a symbolic link (where the full CLI has rules of its own) is not a plain file here.
    const stat = lstatSync(resolve(cwd, file));
    if (!stat.isFile() || stat.size > 1 << 20) return undefined;
    bytes = readFileSync(resolve(cwd, file));
  } catch {
    return undefined;
  }
  // Suppression comments (src/check/suppressions.ts) are the full path's business.
  if (bytes.includes('report-lint')) return undefined;
  const lang = langFromEnv(env);
  const { lintSource } = await import('../check/lint.js');
  const result = lintSource(bytes, file, { lang });
  if (result.diagnostics.length > 0) return undefined;
  const color = !env.NO_COLOR && !!io.stdout.isTTY;
  if (color) {
    const { loadFormatter } = await loadFormat();
    io.stdout.write((await loadFormatter('stylish', lang))([result], { cwd, color, lang }));
  } else {
    // stylish's summary for a clean run without colour, without loading chalk (test/jobs.test.ts
    // compares it with the formatter's output).
    const { t } = await import('../i18n/index.js');
    const text = `✔ ${t(lang, 'stylish.clean', { files: 1 })}`;
    io.stdout.write((lang === 'en' ? text.replace(/(^|\D)1 (problem|error|warning|file)s\b/g, '$11 $2') : text) + '\n');
  }
  return 0;
}

function hasConfigFile(cwd: string): boolean {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (CONFIG_NAMES.some((name) => existsSync(join(dir, name)))) return true;
    if (dirname(dir) === dir) return false;
  }
}
