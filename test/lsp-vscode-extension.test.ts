/**
 * The VS Code extension (editors/vscode/) checked without VS Code: its manifest starts the
 * server for YAML and JSON, contributes every setting the server reads, and asks for a VS Code
 * the language client supports. (The .vsix is built by hand: `npx @vscode/vsce package` there.)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/lsp-client.js';

const DIR = join(ROOT, 'editors/vscode');
const manifest = JSON.parse(readFileSync(join(DIR, 'package.json'), 'utf8'));
const extension = readFileSync(join(DIR, manifest.main), 'utf8');
const server = readFileSync(join(ROOT, 'src/lsp/server.ts'), 'utf8');

describe('editors/vscode', () => {
  it('activates on YAML and JSON files and on a folder with a report-lint config', () => {
    expect(manifest.activationEvents).toEqual(expect.arrayContaining(['onLanguage:yaml', 'onLanguage:json']));
    expect(manifest.activationEvents.some((e: string) => e.startsWith('workspaceContains:') && e.includes('.report-lint'))).toBe(true);
    expect(existsSync(join(DIR, manifest.main))).toBe(true);
    expect(existsSync(join(DIR, 'LICENSE'))).toBe(true);
  });

  it('extension.js is valid JavaScript for VS Code\'s Node (node --check)', () => {
    const run = spawnSync(process.execPath, ['--check', join(DIR, manifest.main)], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('starts `report-lint lsp --stdio` for yaml and json documents', () => {
    expect(extension).toContain("['lsp', '--stdio']");
    expect(extension).toMatch(/language: 'yaml'/);
    expect(extension).toMatch(/language: 'json'/);
    expect(extension).toContain("require('vscode-languageclient/node')");
  });

  it('contributes every setting the server reads, and reportLint.path', () => {
    const contributed = Object.keys(manifest.contributes.configuration.properties);
    // The Settings interface of src/lsp/server.ts.
    const settingsBlock = /interface Settings \{([\s\S]*?)\n\}/.exec(server)![1]!;
    const read = [...settingsBlock.matchAll(/^\s+(\w+)\?:/gm)].map((m) => `reportLint.${m[1]}`);
    expect(read.length).toBeGreaterThanOrEqual(3);
    expect(contributed.sort()).toEqual([...read, 'reportLint.path'].sort());
    expect(manifest.contributes.configuration.properties['reportLint.lang'].enum).toEqual(['auto', 'zh', 'en']);
  });

  it('asks for a VS Code the language client supports, with pinned dependencies', () => {
    expect(manifest.engines.vscode).toBe('^1.91.0');
    expect(manifest.dependencies['vscode-languageclient']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.devDependencies['@vscode/vsce']).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
