/** The `render` command: a report file → its official tables as Markdown, HTML or plain text. */
import { readFileSync, writeFileSync } from 'node:fs';
import type { MainIO } from '../io.js';
import { UsageError } from '../errors.js';
import { langFromEnv, t } from '../i18n/index.js';
import { loadReport } from '../check/lint.js';
import type { Lang, Report } from '../types.js';
import { renderReport, type RenderTarget } from './index.js';

export interface RenderCliOptions {
  to: RenderTarget;
  output?: string;
  lang?: Lang;
}

export async function runRender(file: string, opts: RenderCliOptions, io: MainIO): Promise<number> {
  const lang: Lang = opts.lang ?? langFromEnv(io.env ?? process.env);
  let bytes: Uint8Array;
  try {
    bytes = file === '-' ? await readAll(io.stdin ?? process.stdin) : readFileSync(file);
  } catch (error) {
    throw new UsageError(t(lang, 'input.unreadable', { file, detail: (error as NodeJS.ErrnoException).code ?? (error as Error).message }));
  }
  const loaded = loadReport(bytes, file === '-' ? 'stdin.yaml' : file, lang);
  if (loaded.data === undefined) {
    const first = loaded.findings[0];
    const where = first?.position ? `${first.position.line}:${first.position.column} ` : '';
    throw new UsageError(t(lang, 'render.parse', { file, detail: `${where}${first?.message ?? ''}` }));
  }
  if (typeof loaded.data !== 'object' || loaded.data === null || Array.isArray(loaded.data)) {
    throw new UsageError(t(lang, 'render.notReport', { file }));
  }
  const text = renderReport(loaded.data as Report, opts.to);
  if (opts.output) writeFileSync(opts.output, text);
  else io.stdout.write(text);
  return 0;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}
