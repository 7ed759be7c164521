/**
 * `report-lint lsp`: a Language Server Protocol server over stdio. Every finding comes from the
 * linter's own pipeline (src/lsp/lint-text.ts), with the project's config applied as on the
 * command line (src/lsp/workspace.ts); hover, completion and code actions read the same data.
 *
 * The protocol libraries (vscode-languageserver, a CommonJS package) are required when the
 * server starts, not imported at the top: the command line's bundle loads no package at start
 * (scripts/bundle-fast-start.mjs).
 */
import { createRequire } from 'node:module';
import { dirname, extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Protocol from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { allRules } from '../check/rule-catalog.js';
import type { PairKey } from '../cross-year/pair-key.js';
import { langFromEnv, t } from '../i18n/index.js';
import { DEFAULT_MAX_FILE_SIZE, readInput } from '../read/read-input.js';
import type { Diagnostic, Lang } from '../types.js';
import { sanitize } from '../util/sanitize.js';
import { FIX_ALL_KIND, FixCache, fixAll, quickFixes, type Action } from './code-actions.js';
import { keyCompletions, skeletons } from './completion.js';
import { hoverAt } from './hover.js';
import { formulasAt } from './formula.js';
import { blankYaml } from '../init/generate.js';
import { keyOfText, lintText, type TextLint } from './lint-text.js';
import { syntaxOf, type Syntax } from './syntax.js';
import { Folder, looksLikeReport, type CollectFiles } from './workspace.js';

const require = createRequire(import.meta.url);

export interface ServerOptions {
  /** `--lang`: wins over the client's locale; the `reportLint.lang` setting wins over it. */
  lang?: Lang | undefined;
  /** `--config FILE`, relative to each workspace folder; the `reportLint.config` setting wins over it. */
  config?: string | undefined;
  collectFiles: CollectFiles;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  env?: NodeJS.ProcessEnv;
}

/** Settings under `reportLint` (the VS Code extension contributes them; other clients send them too). */
interface Settings {
  config?: string;
  lang?: 'auto' | Lang;
  /** Show the findings of every report in the workspace, not only of open files. */
  lintWorkspace?: boolean;
}

/** Keystrokes closer together than this are linted once, after the last. */
const DEBOUNCE_MS = 40;
/** How long the first lint of a document waits for its folder's index (last year's report). */
const INDEX_WAIT_MS = 2000;

interface OpenDoc {
  uri: string;
  /** Absolute path; undefined for an unsaved buffer. */
  abs?: string;
  folder: Folder;
  kind: 'yaml' | 'json';
  /** Once a report, always a report while open (mid-edit text may not look like one). */
  report: boolean;
  timer?: NodeJS.Timeout;
  lint?: { version: number; text: string; lint: TextLint; file: string };
  syntax?: { version: number; syntax: Syntax | undefined };
  key?: PairKey;
  keyOf?: { version: number; key?: PairKey };
  fixes: FixCache;
}

export function startServer(options: ServerOptions): void {
  const ls = require('vscode-languageserver/node') as typeof Protocol;
  const { TextDocument: Documents } = require('vscode-languageserver-textdocument') as typeof import('vscode-languageserver-textdocument');
  const connection = ls.createConnection(ls.ProposedFeatures.all, options.input, options.output);
  // Anything printed to stdout would break the protocol stream: console goes to the client's log.
  console.log = console.info = console.debug = (...args: unknown[]) => connection.console.log(sanitize(args.map(String).join(' ')));
  console.warn = console.error = (...args: unknown[]) => connection.console.error(sanitize(args.map(String).join(' ')));
  const documents = new ls.TextDocuments(Documents);
  const open = new Map<string, OpenDoc>();
  const folders: Folder[] = [];
  let settings: Settings = {};
  let clientLocale: Lang | undefined;
  let canPullConfiguration = false;
  let canWatch = false;
  let documentChanges = false;
  const maxFileSize = DEFAULT_MAX_FILE_SIZE;
  const docsUrls = new Map(allRules().map((r) => [r.id, r.docsUrl]));
  /** Workspace files shown with findings (not open), by absolute path. */
  const published = new Set<string>();

  const lang = (): Lang => (settings.lang === 'zh' || settings.lang === 'en' ? settings.lang : (options.lang ?? clientLocale ?? langFromEnv(options.env ?? process.env)));
  const settingsForFolder = () => ({ config: settings.config || options.config, lang: lang() });

  /** Every handler answers: a failure is logged and the request gets an empty answer. */
  function guarded<A extends unknown[], R>(what: string, empty: R, handler: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
    return async (...args: A) => {
      try {
        return await handler(...args);
      } catch (error) {
        connection.console.error(t(lang(), 'lsp.internalError', { what, message: sanitize(String((error as Error)?.stack ?? error)) }));
        return empty;
      }
    };
  }

  function folderFor(abs: string | undefined): Folder {
    if (abs !== undefined) {
      const owner = folders.filter((f) => f.contains(abs)).sort((a, b) => b.root.length - a.root.length)[0];
      if (owner) return owner;
      const root = dirname(abs);
      let own = looseFolders.get(root);
      if (!own) looseFolders.set(root, (own = new Folder(root, settingsForFolder)));
      return own;
    }
    return folders[0] ?? (looseFolders.get(process.cwd()) ?? looseFolders.set(process.cwd(), new Folder(process.cwd(), settingsForFolder)).get(process.cwd())!);
  }
  /** Folders of files opened outside every workspace folder: the file's own folder, as `report-lint file` run there. */
  const looseFolders = new Map<string, Folder>();

  const pathOf = (uri: string): string | undefined => {
    if (!uri.startsWith('file:')) return undefined;
    try {
      return fileURLToPath(uri);
    } catch {
      return undefined;
    }
  };

  function kindOf(document: TextDocument, abs: string | undefined): 'yaml' | 'json' {
    const ext = abs ? extname(abs).toLowerCase() : '';
    if (ext === '.json') return 'json';
    if (ext === '.yaml' || ext === '.yml') return 'yaml';
    return /json/i.test(document.languageId) ? 'json' : 'yaml';
  }

  function docState(document: TextDocument): OpenDoc {
    let state = open.get(document.uri);
    if (!state) {
      const abs = pathOf(document.uri);
      const kind = kindOf(document, abs);
      state = { uri: document.uri, folder: folderFor(abs), kind, report: false, fixes: new FixCache(), ...(abs !== undefined ? { abs } : {}) };
      open.set(document.uri, state);
    }
    return state;
  }

  /** The open buffers by path, with their keys, for the pairing. */
  function openByPath(): Map<string, { key?: PairKey; text: string }> {
    const out = new Map<string, { key?: PairKey; text: string }>();
    for (const state of open.values()) {
      const document = documents.get(state.uri);
      if (state.abs === undefined || !document) continue;
      // A buffer not linted at its version yet (just opened, or typed into) has its key read now.
      if (state.lint?.version !== document.version && state.keyOf?.version !== document.version) {
        const key = state.report || looksLikeReport(document.getText()) ? keyOfText(document.getText(), lintName(state)) : undefined;
        state.keyOf = { version: document.version, ...(key ? { key } : {}) };
      }
      const key = state.lint?.version === document.version ? state.key : state.keyOf?.key;
      out.set(state.abs, { text: document.getText(), ...(key ? { key } : {}) });
    }
    return out;
  }

  /** The file name the linter is given: the path as a run in the folder names it (or a name with the right extension). */
  function lintName(state: OpenDoc): string {
    return state.abs !== undefined ? state.folder.display(state.abs) : state.kind === 'json' ? 'untitled.json' : 'untitled.yaml';
  }

  function toLsp(d: Diagnostic): Protocol.Diagnostic {
    const start = { line: Math.max(0, d.line - 1), character: Math.max(0, d.column - 1) };
    let end = { line: Math.max(0, d.endLine - 1), character: Math.max(0, d.endColumn - 1) };
    if (end.line < start.line || (end.line === start.line && end.character < start.character)) end = start;
    const out: Protocol.Diagnostic = {
      range: { start, end },
      severity: d.severity === 'error' ? ls.DiagnosticSeverity.Error : ls.DiagnosticSeverity.Warning,
      code: d.ruleId,
      source: 'report-lint',
      message: sanitize(d.message),
      data: { path: d.path, messageId: d.messageId, ...(d.expected !== undefined ? { expected: d.expected } : {}), ...(d.actual !== undefined ? { actual: d.actual } : {}) },
    };
    const href = docsUrls.get(d.ruleId);
    if (href) out.codeDescription = { href };
    return out;
  }

  /** Lint an open document now (unless this version is linted already) and publish its findings. */
  async function lintOpen(uri: string, force = false): Promise<void> {
    const document = documents.get(uri);
    const state = open.get(uri);
    if (!document || !state) return;
    if (!force && state.lint?.version === document.version) return;
    const text = document.getText();
    if (!state.report) state.report = looksLikeReport(text);
    if (!state.report) {
      state.lint = undefined;
      await connection.sendDiagnostics({ uri, version: document.version, diagnostics: [] });
      return;
    }
    const { resolver, error } = await state.folder.resolver();
    if (error) reportConfigError(error);
    // Skipped by the config's ignorePatterns, or under node_modules: a run would not lint it.
    if (state.abs !== undefined && (resolver?.ignorePatternMatcher()?.(state.folder.display(state.abs)) || /[\\/]node_modules[\\/]/.test(state.abs))) {
      state.lint = undefined;
      await connection.sendDiagnostics({ uri, version: document.version, diagnostics: [] });
      return;
    }
    // Last year's report is found in the folder's index: wait for it a little (a few reports take
    // milliseconds); a huge folder is linted without it first and again once it is indexed.
    if (!state.folder.indexed && folders.includes(state.folder)) {
      await Promise.race([indexFolder(state.folder), new Promise((r) => setTimeout(r, INDEX_WAIT_MS))]);
    }
    const file = lintName(state);
    const fileOptions = resolver ? resolver.lintOptionsFor(file, lang()) : { lang: lang() };
    const others = openByPath();
    if (state.abs !== undefined) others.delete(state.abs);
    const lint = lintText(text, file, { ...fileOptions, maxFileSize }, (key) => state.folder.previousFor(key, others, maxFileSize));
    // A newer version may have arrived while the config loaded: publish only the latest.
    if (documents.get(uri)?.version !== document.version) return;
    const oldKey = state.key;
    state.lint = { version: document.version, text, lint, file };
    state.key = lint.pairKey;
    await connection.sendDiagnostics({ uri, version: document.version, diagnostics: lint.result.diagnostics.map(toLsp) });
    // Next year's reports compare against this one: lint them again when it changed.
    relintNextYear(state, oldKey);
  }

  function relintNextYear(state: OpenDoc, oldKey: PairKey | undefined): void {
    const keys = [state.key, oldKey].filter((k): k is PairKey => k !== undefined);
    if (keys.length === 0) return;
    const isNext = (k: PairKey | undefined) => k !== undefined && keys.some((own) => own.agency === k.agency && own.year + 1 === k.year);
    for (const other of open.values()) if (other !== state && isNext(other.key)) schedule(other.uri, DEBOUNCE_MS, true);
    if (settings.lintWorkspace !== false && state.folder.indexed) {
      for (const [abs, entry] of state.folder.files) if (entry.report && isNext(entry.key) && !isOpen(abs)) void lintDiskFile(state.folder, abs);
    }
  }

  const isOpen = (abs: string) => [...open.values()].some((s) => s.abs === abs);

  function schedule(uri: string, delay: number, force = false): void {
    const state = open.get(uri);
    if (!state) return;
    clearTimeout(state.timer);
    state.timer = setTimeout(() => void guarded('lint', undefined, () => lintOpen(uri, force))(), delay);
  }

  let shownConfigError: string | undefined;
  function reportConfigError(message: string): void {
    if (shownConfigError === message) return;
    shownConfigError = message;
    const text = t(lang(), 'lsp.configError', { message: sanitize(message) });
    connection.console.error(text);
    void connection.window.showErrorMessage(text);
  }

  /** A report of the workspace that is not open: linted from the disk, as the command line would. */
  async function lintDiskFile(folder: Folder, abs: string): Promise<void> {
    const { resolver } = await folder.resolver();
    const uri = pathToFileURL(abs).href;
    if (isOpen(abs)) return;
    const entry = folder.files.get(abs);
    if (!entry?.report || settings.lintWorkspace === false) {
      if (published.delete(abs)) await connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const file = folder.display(abs);
    const fileOptions = resolver ? resolver.lintOptionsFor(file, lang()) : { lang: lang() };
    let bytes: Buffer;
    try {
      const input = readInput(abs, { maxFileSize, lang: lang() });
      if (!('bytes' in input)) return;
      bytes = Buffer.from(input.bytes);
    } catch {
      return;
    }
    const lint = lintText(bytes, file, { ...fileOptions, maxFileSize }, (key) => folder.previousFor(key, openByPath(), maxFileSize));
    published.add(abs);
    await connection.sendDiagnostics({ uri, diagnostics: lint.result.diagnostics.map(toLsp) });
  }

  /** Index a folder's report files (in slices, so requests are answered meanwhile), then show their findings. */
  const indexing = new Map<Folder, Promise<void>>();
  function indexFolder(folder: Folder): Promise<void> {
    let running = indexing.get(folder);
    if (running) return running;
    running = (async () => {
      const files = await folder.reportFiles(options.collectFiles);
      for (let i = 0; i < files.length; i++) {
        folder.indexFile(files[i]!, maxFileSize);
        if (i % 20 === 19) await new Promise((r) => setImmediate(r));
      }
      folder.indexed = true;
      for (const state of open.values()) if (state.folder === folder) schedule(state.uri, 0, true);
      if (settings.lintWorkspace !== false) {
        let n = 0;
        for (const [abs, entry] of folder.files) {
          if (!entry.report) continue;
          await lintDiskFile(folder, abs);
          if (++n % 10 === 0) await new Promise((r) => setImmediate(r));
        }
      }
    })().finally(() => indexing.delete(folder));
    indexing.set(folder, running);
    return running;
  }

  async function refreshAll(): Promise<void> {
    shownConfigError = undefined;
    for (const folder of [...folders, ...looseFolders.values()]) folder.reset();
    for (const abs of [...published]) {
      published.delete(abs);
      await connection.sendDiagnostics({ uri: pathToFileURL(abs).href, diagnostics: [] });
    }
    for (const state of open.values()) schedule(state.uri, 0, true);
    for (const folder of folders) void indexFolder(folder);
  }

  async function pullSettings(): Promise<void> {
    if (!canPullConfiguration) return;
    try {
      const pulled = (await connection.workspace.getConfiguration('reportLint')) as Settings | null;
      if (pulled && typeof pulled === 'object') settings = pulled;
    } catch {
      // The client could not answer: keep the settings we have.
    }
  }

  // Protocol handlers.

  connection.onInitialize((params) => {
    const locale = params.locale ?? '';
    clientLocale = /^en/i.test(locale) ? 'en' : /^zh/i.test(locale) ? 'zh' : undefined;
    canPullConfiguration = !!params.capabilities.workspace?.configuration;
    canWatch = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    documentChanges = !!params.capabilities.workspace?.workspaceEdit?.documentChanges;
    // Clients without workspace/configuration (Helix, some Neovim setups) send the settings here.
    const init = params.initializationOptions as { reportLint?: Settings } | undefined;
    if (init && typeof init === 'object' && init.reportLint && typeof init.reportLint === 'object') settings = init.reportLint;
    const roots = params.workspaceFolders?.map((f) => pathOf(f.uri)) ?? [params.rootUri ? pathOf(params.rootUri) : (params.rootPath ?? undefined)];
    for (const root of roots) if (root !== undefined && root !== null) folders.push(new Folder(root, settingsForFolder));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: ls.TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['{', ',', '"'] },
        codeActionProvider: { codeActionKinds: [ls.CodeActionKind.QuickFix, FIX_ALL_KIND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'report-lint' },
    };
  });

  connection.onInitialized(
    guarded('initialized', undefined, async () => {
      if (canWatch) {
        await connection.client.register(ls.DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/.report-lint.{yaml,yml}' }, { globPattern: '**/*.{yaml,yml,json}' }],
        });
      }
      await pullSettings();
      for (const folder of folders) void indexFolder(folder);
      // Compile the linter's code paths now, not on the clerk's first keystroke: lint a blank
      // report and one with a wrong total, and work out a formula, once.
      setImmediate(() => {
        try {
          const blank = blankYaml({ template: 2021, year: 2021, agency: 'warm-up', schemaRef: 'report-2021.schema.json' });
          for (const text of [blank, blank.replace(/total: 0/, 'total: 1')]) {
            const warm = lintText(text, 'warm-up.yaml', { lang: lang() }, () => undefined);
            if (warm.data !== undefined) formulasAt(warm.data, ['applications', 'received', 'total'], 'warm-up.yaml', lang());
          }
        } catch {
          // Only a warm-up.
        }
      });
    }),
  );

  connection.onDidChangeConfiguration(
    guarded('configuration', undefined, async (change) => {
      const sent = (change.settings as { reportLint?: Settings } | null)?.reportLint;
      if (sent && typeof sent === 'object') settings = sent;
      else await pullSettings();
      await refreshAll();
    }),
  );

  connection.onDidChangeWatchedFiles(
    guarded('watched files', undefined, async ({ changes }) => {
      if (changes.some((c) => /[\\/]\.report-lint\.ya?ml$/.test(pathOf(c.uri) ?? ''))) return refreshAll();
      for (const change of changes) {
        const abs = pathOf(change.uri);
        if (abs === undefined || !/\.(ya?ml|json)$/i.test(abs)) continue;
        const folder = folderFor(abs);
        const before = folder.files.get(abs)?.key;
        if (change.type === ls.FileChangeType.Deleted) {
          folder.forget(abs);
          if (published.delete(abs)) await connection.sendDiagnostics({ uri: pathToFileURL(abs).href, diagnostics: [] });
        } else {
          const { resolver } = await folder.resolver();
          if (resolver?.ignorePatternMatcher()?.(folder.display(abs))) continue;
          folder.indexFile(abs, maxFileSize);
          if (folder.indexed) await lintDiskFile(folder, abs);
        }
        const after = folder.files.get(abs)?.key;
        const pseudo: OpenDoc = { uri: change.uri, folder, kind: 'yaml', report: true, fixes: new FixCache(), ...(after ? { key: after } : {}) };
        relintNextYear(pseudo, before);
      }
    }),
  );

  connection.onNotification(ls.DidChangeWorkspaceFoldersNotification.type, (params) =>
    guarded('workspace folders', undefined, () => {
      for (const removed of params.event.removed) {
        const root = pathOf(removed.uri);
        const i = folders.findIndex((f) => f.root === root);
        if (i >= 0) folders.splice(i, 1);
      }
      for (const added of params.event.added) {
        const root = pathOf(added.uri);
        if (root === undefined) continue;
        const folder = new Folder(root, settingsForFolder);
        folders.push(folder);
        void indexFolder(folder);
      }
    })(),
  );

  documents.onDidOpen((e) => {
    const state = docState(e.document);
    // Its findings from the disk were shown under the URI made here; the client may spell the
    // same file another way (percent-encoding, drive letter): clear those, the buffer's follow.
    if (state.abs !== undefined && published.delete(state.abs)) {
      const diskUri = pathToFileURL(state.abs).href;
      if (diskUri !== e.document.uri) void connection.sendDiagnostics({ uri: diskUri, diagnostics: [] });
    }
    schedule(e.document.uri, 0);
  });
  documents.onDidChangeContent((e) => {
    docState(e.document);
    schedule(e.document.uri, DEBOUNCE_MS);
  });
  documents.onDidClose(
    (e) =>
      void guarded('close', undefined, async () => {
        const state = open.get(e.document.uri);
        if (state) clearTimeout(state.timer);
        open.delete(e.document.uri);
        await connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
        // The disk version is what the workspace has again.
        if (state?.abs !== undefined && state.folder.indexed) {
          state.folder.indexFile(state.abs, maxFileSize);
          await lintDiskFile(state.folder, state.abs);
          relintNextYear({ ...state, key: state.folder.files.get(state.abs)?.key }, state.key);
        }
      })(),
  );

  /** The document's lint for its current version (linted now when the debounce has not run yet). */
  async function current(uri: string): Promise<{ state: OpenDoc; document: TextDocument; lint?: TextLint } | undefined> {
    const document = documents.get(uri);
    const state = open.get(uri);
    if (!document || !state) return undefined;
    if (state.lint?.version !== document.version) {
      clearTimeout(state.timer);
      await lintOpen(uri);
    }
    return state.lint?.version === document.version ? { state, document, lint: state.lint.lint } : { state, document };
  }

  function syntaxFor(state: OpenDoc, document: TextDocument): Syntax | undefined {
    if (state.syntax?.version !== document.version) state.syntax = { version: document.version, syntax: syntaxOf(document.getText(), state.kind, lang()) };
    return state.syntax.syntax;
  }

  connection.onHover(
    guarded('hover', null, async ({ textDocument, position }) => {
      const at = await current(textDocument.uri);
      if (!at?.lint) return null;
      const { state, document, lint } = at;
      const syntax = syntaxFor(state, document);
      if (!syntax) return null;
      const hover = hoverAt(syntax, lint.data, document.offsetAt(position), lintName(state), lang());
      if (!hover) return null;
      return {
        contents: { kind: ls.MarkupKind.Markdown, value: hover.markdown },
        range: { start: document.positionAt(hover.range[0]), end: document.positionAt(hover.range[1]) },
      };
    }),
  );

  connection.onCompletion(
    guarded('completion', [] as Protocol.CompletionItem[], async ({ textDocument, position }) => {
      const document = documents.get(textDocument.uri);
      if (!document) return [];
      const state = docState(document);
      const text = document.getText();
      if (Buffer.byteLength(text, 'utf8') > maxFileSize) return [];
      const whole = { start: { line: 0, character: 0 }, end: document.positionAt(text.length) };
      if (text.trim() === '') {
        return skeletons(state.kind, state.abs, lang()).map((s, i) => ({
          label: s.title,
          kind: ls.CompletionItemKind.Snippet,
          detail: 'report-lint init',
          insertTextFormat: ls.InsertTextFormat.Snippet,
          textEdit: { range: whole, newText: s.snippet },
          sortText: String(i),
          preselect: i === 0,
        }));
      }
      if (!state.report && !looksLikeReport(text)) return [];
      return keyCompletions(text, document.offsetAt(position), state.kind, lang()).map((c) => ({
        label: c.key,
        kind: ls.CompletionItemKind.Property,
        detail: c.label,
        ...(c.description ? { documentation: c.description } : {}),
        // Typing the official label finds the key too.
        filterText: c.key,
        labelDetails: { description: c.label },
        textEdit: { range: { start: document.positionAt(c.start), end: document.positionAt(c.end) }, newText: c.insertText },
        sortText: String(c.order).padStart(4, '0'),
      }));
    }),
  );

  connection.onCodeAction(
    guarded('code action', [] as Protocol.CodeAction[], async ({ textDocument, range, context }) => {
      const at = await current(textDocument.uri);
      if (!at?.lint || !at.lint.parsed) return [];
      const { state, document, lint } = at;
      const text = document.getText();
      const edits = state.fixes.get(text);
      const only = context.only;
      const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
      const actions: Action[] = [];
      if (wants(ls.CodeActionKind.QuickFix)) {
        // The linter's diagnostics under the range the client asks about (their data says which cell).
        const asked = lint.result.diagnostics.filter((d) => {
          const start = d.line - 1;
          const end = d.endLine - 1;
          return start <= range.end.line && end >= range.start.line;
        });
        const lineStart = (line: number) => document.offsetAt({ line: line - 1, character: 0 });
        for (const a of quickFixes(text, asked, edits, state.kind, lang(), lint.data, lineStart)) {
          actions.push({ ...a, diagnostics: a.diagnostics.map((i) => lint.result.diagnostics.indexOf(asked[i]!)) });
        }
      }
      if (edits.length > 0 && wants(FIX_ALL_KIND)) actions.push(fixAll(edits, lang(), [], FIX_ALL_KIND));
      return actions.map((a) => {
        const edits = a.edits.map((e) => ({ range: { start: document.positionAt(e.start), end: document.positionAt(e.end) }, newText: e.newText }));
        return {
          title: a.title,
          kind: a.kind,
          ...(a.preferred ? { isPreferred: true } : {}),
          diagnostics: a.diagnostics.map((i) => toLsp(lint.result.diagnostics[i]!)),
          // With the version, a client refuses the edit if the text changed since (documentChanges).
          edit: documentChanges ? { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits }] } : { changes: { [document.uri]: edits } },
        };
      });
    }),
  );

  connection.onShutdown(() => {
    for (const state of open.values()) clearTimeout(state.timer);
  });

  documents.listen(connection);
  connection.listen();
}
