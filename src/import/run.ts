/** The `import` command: read a published report, write the report file, print the notes, optionally lint. */
import { lstatSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import iconv from 'iconv-lite';
import type { MainIO } from '../io.js';
import { UsageError } from '../errors.js';
import { loadFormatter } from '../format/index.js';
import { langFromEnv, t, type MessageKey } from '../i18n/index.js';
import { lintSource } from '../check/lint.js';
import { decodeUtf8 } from '../read/decode.js';
import { DEFAULT_MAX_FILE_SIZE, linkAllowed, parseSize, readInput, readStream, type Input } from '../read/read-input.js';
import type { Lang } from '../types.js';
import { sanitize } from '../util/sanitize.js';
import { fileId, writeOutput } from '../write/write-output.js';
import { formatNote, importDocx, importText, type ImportResult, type InputType } from './index.js';
import { ImportInputError } from './limits.js';
import { toYaml } from './to-yaml.js';
import { SiteWriter } from '../site/site-writer.js';

export interface ImportCliOptions {
  output?: string;
  outDir?: string;
  lint?: boolean;
  /** Batch with `-f html -o DIR/`: the lint results as an html site, with each report's notes on its page (src/site/). */
  format?: 'stylish' | 'html';
  inputType?: InputType;
  lang?: Lang;
  /** `--max-file-size`, as lint reads it (e.g. `10MB`). */
  maxFileSize?: string;
  /** Overwrite report files that already exist in --out-dir. */
  force?: boolean;
}

/** How inputs are read: the run's language and the size limit. */
interface ReadSettings {
  lang: Lang;
  maxFileSize: number;
}

const BY_EXTENSION: Record<string, InputType> = { '.txt': 'txt', '.text': 'txt', '.md': 'md', '.markdown': 'md', '.html': 'html', '.htm': 'html', '.xhtml': 'html', '.docx': 'docx' };

export function inputTypeOf(file: string): InputType | undefined {
  return BY_EXTENSION[extname(file).toLowerCase()];
}

/** Published text is UTF-8 or, from older Chinese sites and Windows, GB18030. */
export function decodeText(bytes: Uint8Array): string {
  const utf8 = decodeUtf8(bytes);
  return utf8.ok ? utf8.text : iconv.decode(Buffer.from(bytes), 'gb18030');
}

export async function importBytes(bytes: Uint8Array, type: InputType): Promise<ImportResult> {
  if (type === 'docx') return importDocx(bytes);
  return importText(decodeText(bytes), type);
}

export async function runImport(files: string[], opts: ImportCliOptions, io: MainIO): Promise<number> {
  const lang: Lang = opts.lang ?? langFromEnv(io.env ?? process.env);
  if (files.length === 0) throw new UsageError(t(lang, 'import.noInput'));
  const read: ReadSettings = { lang, maxFileSize: opts.maxFileSize === undefined ? DEFAULT_MAX_FILE_SIZE : parseSize(opts.maxFileSize, lang) };
  const inputs = expandInputs(files, lang);
  if (inputs.batch || opts.outDir) {
    if (!opts.outDir) throw new UsageError(t(lang, 'import.needOutDir'));
    if (opts.output && opts.format !== 'html') throw new UsageError(t(lang, 'import.outputWithOutDir'));
    return runBatch(inputs.files, opts.outDir, opts, read, io);
  }
  const file = inputs.files[0]!.path;
  const source = file === '-' ? '<stdin>' : file;
  const ids = inputIds(inputs.files);
  // Refused before reading: `-o` onto the input would replace the published report by its import.
  if (opts.output && ids.has(fileId(opts.output) ?? '')) throw new UsageError(t(lang, 'writeFile.isInput', { file: sanitize(opts.output) }));
  const result = await importFile(file, opts.inputType, read, io);
  const yamlText = toYaml(result.report, source);
  if (opts.output) writeOutput(opts.output, yamlText, lang, { inputs: ids });
  else io.stdout.write(yamlText);

  io.stderr.write(formatNotes(source, result, lang));
  if (!opts.lint) return 0;
  const lintResult = lintSource(yamlText, opts.output ?? '<stdout>', { lang });
  const stylish = await loadFormatter('stylish');
  const text = stylish([lintResult], { cwd: io.cwd ?? process.cwd(), color: false, lang });
  // The report went to stdout unless -o: then the lint result must not mix with it.
  (opts.output ? io.stdout : io.stderr).write(text);
  return lintResult.errorCount > 0 ? 1 : 0;
}

/**
 * Read and import one input. Every way it can fail is a UsageError of one line that names the
 * file: unreadable, not a regular file (a FIFO never blocks: readInput opens it non-blocking),
 * over --max-file-size, over an import limit, a damaged or hostile .docx.
 */
async function importFile(file: string, inputType: InputType | undefined, read: ReadSettings, io: MainIO): Promise<ImportResult> {
  const { lang } = read;
  const shown = sanitize(file);
  const type = inputType ?? (file === '-' ? undefined : inputTypeOf(file));
  if (!type) throw new UsageError(t(lang, file === '-' ? 'import.stdinType' : 'import.inputType', { file: shown }));
  let input: Input;
  try {
    input = file === '-' ? await readStream(io.stdin ?? process.stdin, read) : readInput(file, read);
  } catch (error) {
    // readInput's message carries the path as found in a folder: made safe to show.
    if (error instanceof UsageError) throw new UsageError(sanitize(error.message));
    throw new UsageError(t(lang, 'input.unreadable', { file: shown, detail: sanitize((error as NodeJS.ErrnoException).code ?? (error as Error).message) }));
  }
  if ('finding' in input) throw new UsageError(t(lang, 'import.fileFailed', { file: shown, detail: input.finding.message }));
  try {
    return await importBytes(input.bytes, type);
  } catch (error) {
    if (error instanceof ImportInputError) {
      const data: Record<string, string | number> = {};
      for (const [key, value] of Object.entries(error.data)) data[key] = typeof value === 'string' ? sanitize(value) : value;
      throw new UsageError(t(lang, `import.${error.messageId}` as MessageKey, { ...data, file: shown }));
    }
    if (type === 'docx') throw new UsageError(t(lang, 'import.docx', { file: shown, detail: sanitize(String((error as Error)?.message ?? error).split('\n')[0]!) }));
    throw error;
  }
}

interface InputFile {
  /** As named on the command line, or found in a folder named there. */
  path: string;
  /** The folder whose tree --out-dir mirrors: the folder named, or the named file's folder. */
  root: string;
}

/**
 * Files as named; folders searched for .txt/.md/.html/.htm/.docx (a batch), with lint's rules
 * (src/cli/files.ts): dot-folders and node_modules skipped, a symbolic link read only when it
 * resolves inside the named folder, a linked folder never entered. FIFOs and devices found in
 * a folder are kept: reading them fails at once, as that file's error row.
 */
function expandInputs(paths: string[], lang: Lang): { files: InputFile[]; batch: boolean } {
  const files: InputFile[] = [];
  // A file named twice (`import in in/a.txt`) is imported once, as lint lints it once.
  const seen = new Set<string>();
  const add = (file: InputFile) => {
    const key = file.path === '-' ? '-' : resolve(file.path);
    if (!seen.has(key)) files.push(file);
    seen.add(key);
  };
  let batch = paths.length > 1;
  for (const p of paths) {
    if (p === '-') {
      if (paths.length > 1) throw new UsageError(t(lang, 'import.stdinAlone'));
      add({ path: p, root: '' });
      continue;
    }
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) {
      add({ path: p, root: dirname(resolve(p)) });
      continue;
    }
    batch = true;
    walkFolder(p, (file) => add({ path: file, root: resolve(p) }));
  }
  return { files, batch };
}

/** Depth first, names in order, with a stack of its own (no recursion over a folder tree). */
function walkFolder(root: string, add: (file: string) => void): void {
  const byName = (a: Dirent, b: Dirent) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const stack: { dir: string; entries: Dirent[]; next: number }[] = [];
  const enter = (dir: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort(byName);
    } catch {
      // An unreadable subfolder holds nothing we can import; the named folder itself was readable.
      entries = [];
    }
    stack.push({ dir, entries, next: 0 });
  };
  enter(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.next >= top.entries.length) {
      stack.pop();
      continue;
    }
    const entry = top.entries[top.next++]!;
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = join(top.dir, entry.name);
    if (entry.isDirectory()) {
      enter(full);
      continue;
    }
    if (!inputTypeOf(entry.name) || entry.name.startsWith('~$')) continue;
    if (entry.isSymbolicLink() && !linkAllowed(root, full)) continue;
    add(full);
  }
}

/** The identities of the run's inputs: no output may be one of them. */
function inputIds(files: readonly InputFile[]): Set<string> {
  const ids = new Set<string>();
  for (const f of files) {
    const id = f.path === '-' ? undefined : fileId(f.path);
    if (id) ids.add(id);
  }
  return ids;
}

interface PlannedOutput {
  input: InputFile;
  out: string;
  /** The earlier input that already maps to `out`. */
  takenBy?: string;
}

/**
 * Output names: --out-dir mirrors the input tree below the deepest folder that holds every
 * input (a named folder counts as itself, a named file as its folder): `import published/`
 * and `import published/*.html` both give OUT/a.yaml; `import c1/r.txt c2/r.txt` gives
 * OUT/c1/r.yaml and OUT/c2/r.yaml. Two inputs of one folder with one stem (a.html, a.docx)
 * keep their extensions (a.html.yaml, a.docx.yaml). Any two inputs still mapping to one name
 * (a.html beside a.html.txt; A.txt beside a.txt where case does not count) are refused, the
 * later in order.
 */
function planOutputs(files: readonly InputFile[], outDir: string): PlannedOutput[] {
  const common = commonFolder(files.filter((f) => f.path !== '-').map((f) => f.root));
  const below = (f: InputFile) => {
    if (f.path === '-') return 'stdin';
    const rel = common === undefined ? '' : relative(common, resolve(f.path));
    return rel === '' || isAbsolute(rel) || rel.startsWith('..') ? basename(f.path) : rel;
  };
  const names = files.map(below);
  const stemOf = (name: string) => name.replace(/\.[^./\\]+$/, '');
  const stems = new Map<string, number>();
  for (const name of names) stems.set(stemOf(name), (stems.get(stemOf(name)) ?? 0) + 1);
  const caseFolds = process.platform === 'win32' || process.platform === 'darwin';
  const taken = new Map<string, string>();
  return files.map((input, i) => {
    const name = names[i]!;
    const out = join(outDir, (stems.get(stemOf(name))! > 1 ? name : stemOf(name)) + '.yaml');
    const key = caseFolds ? out.toLowerCase() : out;
    const first = taken.get(key);
    if (first !== undefined) return { input, out, takenBy: first };
    taken.set(key, input.path);
    return { input, out };
  });
}

/** The deepest folder that holds all of `folders` (absolute paths); undefined if none (two drives). */
function commonFolder(folders: readonly string[]): string | undefined {
  if (folders.length === 0) return undefined;
  let common = folders[0]!;
  for (const folder of folders) {
    while (!isWithin(common, folder)) {
      const up = dirname(common);
      if (up === common) return undefined;
      common = up;
    }
  }
  return common;
}

const isWithin = (folder: string, path: string) => {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * A folder below --out-dir on the way to `out` that is a symbolic link: writing through it
 * would put the file wherever it points. (--out-dir itself was named by the user.)
 */
function linkOnTheWay(outDir: string, out: string): boolean {
  let dir = outDir;
  for (const part of relative(outDir, dirname(out)).split(sep).filter(Boolean)) {
    dir = join(dir, part);
    try {
      if (lstatSync(dir).isSymbolicLink()) return true;
    } catch {
      return false; // missing from here down: makeParents creates real folders
    }
  }
  return false;
}

interface BatchRow {
  file: string;
  out?: string;
  warnings: number;
  notes: number;
  errors?: number;
  lintWarnings?: number;
  failed?: string;
  /** Imported, but the report file could not be written. */
  notWritten?: boolean;
}

/** A folder of published reports → one report file each, their notes, and a summary table. */
async function runBatch(files: InputFile[], outDir: string, opts: ImportCliOptions, read: ReadSettings, io: MainIO): Promise<number> {
  const { lang } = read;
  const ids = inputIds(files);
  /** The report files this run wrote, by identity: a second write to one of them is a collision. */
  const written = new Map<string, string>();
  const rows: BatchRow[] = [];
  const lintResults = [];
  // -f html -o DIR/: the site of the lint results, written as each report is imported and linted.
  const site = opts.format === 'html' && opts.output ? new SiteWriter({ dir: opts.output, cwd: io.cwd ?? process.cwd(), lang }) : undefined;
  const lint = opts.lint || site !== undefined;
  // One failing file never stops the batch: it becomes its row, with one line on stderr.
  const fail = (input: InputFile, message: string, notWritten = false) => {
    io.stderr.write(`${sanitize(input.path)}: ${message}\n`);
    rows.push({ file: input.path, warnings: 0, notes: 0, failed: message, notWritten });
  };
  for (const { input, out, takenBy } of planOutputs(files, outDir)) {
    if (takenBy !== undefined) {
      fail(input, t(lang, 'import.outputCollision', { file: sanitize(input.path), other: sanitize(takenBy), out: sanitize(out) }), true);
      continue;
    }
    let result: ImportResult;
    try {
      result = await importFile(input.path, opts.inputType, read, io);
    } catch (error) {
      fail(input, error instanceof UsageError ? error.message : sanitize(String((error as Error)?.message ?? error)));
      continue;
    }
    const yamlText = toYaml(result.report, input.path);
    try {
      const earlier = written.get(fileId(out) ?? '');
      if (earlier !== undefined) throw new UsageError(t(lang, 'import.outputCollision', { file: sanitize(input.path), other: sanitize(earlier), out: sanitize(out) }));
      if (linkOnTheWay(outDir, out)) throw new UsageError(t(lang, 'import.outputOutside', { out: sanitize(out) }));
      writeOutput(out, yamlText, lang, { inputs: ids, exclusive: !opts.force });
      const id = fileId(out);
      if (id) written.set(id, input.path);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      fail(input, error.message, true);
      continue;
    }
    io.stderr.write(formatNotes(input.path, result, lang) + '\n');
    const warnings = result.notes.filter((n) => n.severity === 'warning').length;
    const row: BatchRow = { file: input.path, out, warnings, notes: result.notes.length - warnings };
    if (lint) {
      let lintResult = lintSource(yamlText, out, { lang, keepData: site !== undefined, keepInfo: site !== undefined });
      if (site) lintResult = site.add(lintResult, result.notes.map((n) => ({ severity: n.severity, line: n.line, message: formatNote(n, lang, result.template) })));
      lintResults.push(lintResult);
      row.errors = lintResult.errorCount;
      row.lintWarnings = lintResult.warningCount;
    }
    rows.push(row);
  }
  site?.finish(lintResults);
  if (lint && lintResults.length > 0) {
    const stylish = await loadFormatter('stylish');
    io.stdout.write(stylish(lintResults, { cwd: io.cwd ?? process.cwd(), color: false, lang }) + '\n');
  }
  const header = [t(lang, 'import.table.file'), t(lang, 'import.table.output'), t(lang, 'import.table.check'), t(lang, 'import.table.notes')];
  if (lint) header.push(t(lang, 'import.table.errors'), t(lang, 'import.table.lintWarnings'));
  const body = rows.map((r) => {
    const status = r.failed ? `✖ ${t(lang, r.notWritten ? 'import.table.notWritten' : 'import.table.failed')}` : sanitize(r.out!);
    const cells = [sanitize(r.file), status, String(r.warnings), String(r.notes)];
    if (lint) cells.push(String(r.errors ?? '-'), String(r.lintWarnings ?? '-'));
    return cells;
  });
  io.stdout.write(table([header, ...body]) + '\n');
  const failed = rows.filter((r) => r.failed).length;
  io.stdout.write(
    t(lang, 'import.batchSummary', {
      files: rows.length,
      imported: rows.length - failed,
      failed,
      toCheck: rows.filter((r) => r.warnings > 0).length,
      withErrors: lint ? rows.filter((r) => (r.errors ?? 0) > 0).length : '-',
    }) + '\n',
  );
  return failed > 0 ? 2 : rows.some((r) => (r.errors ?? 0) > 0) ? 1 : 0;
}

/** Columns padded by display width (CJK characters take two cells). */
function table(rows: string[][]): string {
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
  // Loops, not Math.max(...column): a batch of many thousand files would overflow the stack.
  const widths = rows[0]!.map(() => 0);
  for (const r of rows) r.forEach((cell, c) => (widths[c] = Math.max(widths[c] ?? 0, width(cell))));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell + ' '.repeat(widths[c]! - width(cell)))).join('  ')).join('\n');
}

/** Notes as `file`, then `line  severity  message  import/id`, then a summary line. */
export function formatNotes(source: string, result: ImportResult, lang: Lang): string {
  const warnings = result.notes.filter((n) => n.severity === 'warning').length;
  const infos = result.notes.length - warnings;
  const shown = sanitize(source);
  if (result.notes.length === 0) return t(lang, 'import.clean', { file: shown }) + '\n';
  let width = 0;
  for (const note of result.notes) width = Math.max(width, String(note.line).length);
  const lines = [shown];
  for (const note of result.notes) {
    const severity = t(lang, note.severity === 'warning' ? 'import.severity.warning' : 'import.severity.info');
    lines.push(`  ${String(note.line).padEnd(width)}  ${severity}  ${formatNote(note, lang, result.template)}  import/${note.messageId}`);
  }
  lines.push('', t(lang, 'import.summary', { file: shown, warnings, notes: infos }));
  return lines.join('\n') + '\n';
}
