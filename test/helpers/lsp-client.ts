/**
 * A language-server client for the tests: spawns the built bin (`report-lint lsp --stdio`) and
 * speaks JSON-RPC to it over stdio with vscode-jsonrpc, as an editor does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = `${ROOT}bin/report-lint.js`;

export interface LspDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: number;
  code: string;
  source: string;
  message: string;
  codeDescription?: { href: string };
  data?: { path: (string | number)[] };
}

export interface Published {
  uri: string;
  version?: number;
  diagnostics: LspDiagnostic[];
}

export interface TextEdit {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}

export const uriOf = (file: string) => pathToFileURL(file).href;

export class LspClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  /** Every publishDiagnostics, in order. */
  readonly published: Published[] = [];
  /** The messages exchanged, for a transcript (method and params, both directions). */
  readonly transcript: { dir: '→' | '←'; method: string; params: unknown }[] = [];
  private waiters: { test: () => boolean; resolve: () => void }[] = [];
  private versions = new Map<string, number>();
  stderr = '';
  /** window/logMessage texts (the server logs what it caught there). */
  readonly logs: string[] = [];
  settings: Record<string, unknown> = {};

  constructor(args: string[] = [], env: NodeJS.ProcessEnv = {}) {
    this.process = spawn(process.execPath, [BIN, 'lsp', '--stdio', ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    this.process.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: Published) => {
      this.transcript.push({ dir: '←', method: 'textDocument/publishDiagnostics', params: p });
      this.published.push(p);
      this.check();
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => this.logs.push(p.message));
    this.connection.onNotification(() => {});
    this.connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => this.settings));
    this.connection.onRequest(() => null);
    this.connection.listen();
  }

  private check(): void {
    this.waiters = this.waiters.filter((w) => {
      if (!w.test()) return true;
      w.resolve();
      return false;
    });
  }

  async initialize(folders: string[], options: { locale?: string; initializationOptions?: unknown } = {}): Promise<unknown> {
    const params = {
      processId: process.pid,
      rootUri: folders[0] ? uriOf(folders[0]) : null,
      workspaceFolders: folders.map((f, i) => ({ uri: uriOf(f), name: `folder${i}` })),
      capabilities: { workspace: { configuration: true, workspaceEdit: { documentChanges: true }, didChangeWatchedFiles: { dynamicRegistration: true } } },
      ...(options.locale ? { locale: options.locale } : {}),
      ...(options.initializationOptions ? { initializationOptions: options.initializationOptions } : {}),
    };
    const result = await this.request('initialize', params);
    this.notify('initialized', {});
    return result;
  }

  request<R = unknown>(method: string, params: unknown): Promise<R> {
    this.transcript.push({ dir: '→', method, params });
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): void {
    this.transcript.push({ dir: '→', method, params });
    void this.connection.sendNotification(method, params);
  }

  open(uri: string, text: string, languageId = uri.endsWith('.json') ? 'json' : 'yaml'): void {
    this.versions.set(uri, 1);
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Incremental edits (or a whole text); returns the new version. */
  change(uri: string, changes: ({ range: TextEdit['range']; text: string } | { text: string })[]): number {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  close(uri: string): void {
    this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** The latest publish for `uri` that satisfies `test` (waits for it). */
  waitFor(uri: string, test: (p: Published) => boolean = () => true, timeout = 10_000): Promise<Published> {
    const latest = () => [...this.published].reverse().find((p) => p.uri === uri);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri}; last: ${JSON.stringify(latest())}\n${this.stderr}`)), timeout);
      const waiter = {
        test: () => {
          const p = latest();
          return p !== undefined && test(p);
        },
        resolve: () => {
          clearTimeout(timer);
          resolve(latest()!);
        },
      };
      if (waiter.test()) waiter.resolve();
      else this.waiters.push(waiter);
    });
  }

  /** The diagnostics of the document's current version. */
  diagnosticsOf(uri: string): Promise<LspDiagnostic[]> {
    const version = this.versions.get(uri);
    return this.waitFor(uri, (p) => p.version === version).then((p) => p.diagnostics);
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 2000))]);
      this.notify('exit', null);
    } catch {
      // Already gone.
    }
    await new Promise<void>((resolve) => {
      if (this.process.exitCode !== null) return resolve();
      const timer = setTimeout(() => {
        this.process.kill();
        resolve();
      }, 3000);
      this.process.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.connection.dispose();
  }
}

/** Offsets ↔ LSP positions (UTF-16 code units, lines split at \r\n, \n and \r), computed here, not by the server's library. */
export function offsetAt(text: string, pos: { line: number; character: number }): number {
  let line = 0;
  let i = 0;
  while (line < pos.line && i < text.length) {
    const c = text[i++];
    if (c === '\r' && text[i] === '\n') i++;
    if (c === '\n' || c === '\r') line++;
  }
  return i + pos.character;
}

export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const withOffsets = edits.map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }));
  let out = text;
  for (const e of withOffsets.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
