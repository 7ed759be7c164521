// The report-lint extension: starts `report-lint lsp --stdio` (src/lsp/ of report-lint) for YAML
// and JSON files and passes the `reportLint.*` settings to it. Plain CommonJS: nothing to build.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

/**
 * How to start the server: the `reportLint.path` setting, else the workspace's own report-lint
 * (node_modules/.bin, the version the project's CI runs), else `report-lint` on PATH.
 */
function serverCommand() {
  const configured = vscode.workspace.getConfiguration('reportLint').get('path');
  const args = ['lsp', '--stdio'];
  if (configured) {
    // A .js file (bin/report-lint.js) runs in VS Code's own Node; anything else is an executable.
    return /\.(c|m)?js$/.test(configured) ? { module: configured, args, transport: TransportKind.stdio } : { command: configured, args, transport: TransportKind.stdio };
  }
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const bin = join(folder.uri.fsPath, 'node_modules', 'report-lint', 'bin', 'report-lint.js');
    if (existsSync(bin)) return { module: bin, args, transport: TransportKind.stdio };
  }
  return { command: process.platform === 'win32' ? 'report-lint.cmd' : 'report-lint', args, transport: TransportKind.stdio };
}

function start() {
  const server = serverCommand();
  client = new LanguageClient(
    'reportLint',
    'report-lint',
    { run: server, debug: server },
    {
      documentSelector: [
        { scheme: 'file', language: 'yaml' },
        { scheme: 'file', language: 'json' },
        { scheme: 'untitled', language: 'yaml' },
        { scheme: 'untitled', language: 'json' },
      ],
      synchronize: {
        configurationSection: 'reportLint',
        fileEvents: vscode.workspace.createFileSystemWatcher('**/{.report-lint.yaml,.report-lint.yml,*.yaml,*.yml,*.json}'),
      },
      initializationOptions: { reportLint: vscode.workspace.getConfiguration('reportLint') },
    },
  );
  return client.start();
}

function activate(context) {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      // Another report-lint to start: restart the server.
      if (e.affectsConfiguration('reportLint.path')) {
        if (client) await client.stop();
        await start();
      }
    }),
  );
  return start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
