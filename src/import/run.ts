/** The `import` command: read a published report, write the report file, print the notes, optionally lint. */
import { readFileSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import iconv from 'iconv-lite';
import type { MainIO } from '../cli.js';
import { UsageError } from '../errors.js';
import { loadFormatter } from '../format/index.js';
import { langFromEnv, t } from '../i18n/index.js';
import { lintSource } from '../lint.js';
import { decodeUtf8 } from '../load/decode.js';
import type { Lang } from '../types.js';
import { formatNote, importDocx, importText, type ImportResult, type InputType } from './index.js';
import { toYaml } from './to-yaml.js';

export interface ImportCliOptions {
  output?: string;
  lint?: boolean;
  inputType?: InputType;
  lang?: Lang;
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

export async function runImport(file: string | undefined, opts: ImportCliOptions, io: MainIO): Promise<number> {
  const lang: Lang = opts.lang ?? langFromEnv(io.env ?? process.env);
  if (!file) throw new UsageError(t(lang, 'import.noInput'));
  const type = opts.inputType ?? (file === '-' ? undefined : inputTypeOf(file));
  if (!type) throw new UsageError(t(lang, file === '-' ? 'import.stdinType' : 'import.inputType', { file }));
  let bytes: Uint8Array;
  try {
    bytes = file === '-' ? await readAll(io.stdin ?? process.stdin) : readFileSync(file);
  } catch (error) {
    throw new UsageError(t(lang, 'input.unreadable', { file, detail: (error as NodeJS.ErrnoException).code ?? (error as Error).message }));
  }
  let result: ImportResult;
  try {
    result = await importBytes(bytes, type);
  } catch (error) {
    if (type === 'docx') throw new UsageError(t(lang, 'import.docx', { file, detail: (error as Error).message.split('\n')[0]! }));
    throw error;
  }
  const source = file === '-' ? '<stdin>' : file;
  const yamlText = toYaml(result.report, source);
  if (opts.output) writeFileSync(opts.output, yamlText);
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

/** Notes as `file`, then `line  severity  message  import/id`, then a summary line. */
export function formatNotes(source: string, result: ImportResult, lang: Lang): string {
  const warnings = result.notes.filter((n) => n.severity === 'warning').length;
  const infos = result.notes.length - warnings;
  if (result.notes.length === 0) return t(lang, 'import.clean', { file: source }) + '\n';
  const width = Math.max(...result.notes.map((n) => String(n.line).length));
  const lines = [source];
  for (const note of result.notes) {
    const severity = t(lang, note.severity === 'warning' ? 'import.severity.warning' : 'import.severity.info');
    lines.push(`  ${String(note.line).padEnd(width)}  ${severity}  ${formatNote(note, lang, result.template)}  import/${note.messageId}`);
  }
  lines.push('', t(lang, 'import.summary', { file: source, warnings, notes: infos }));
  return lines.join('\n') + '\n';
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}
