/**
 * The server's diagnostics are the command line's: for every fixture of fixtures/rules/ (and the
 * cross-year run of fixtures/cross-year/run/), each folder opened as a workspace folder, each
 * report opened in the editor, compared with `report-lint . --format json` run in that folder
 * (LSP positions are 0-based: converted back here).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient, ROOT, uriOf, type LspDiagnostic } from './helpers/lsp-client.js';

const folders = [
  ...readdirSync(join(ROOT, 'fixtures/rules'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => join(ROOT, 'fixtures/rules', e.name)),
  join(ROOT, 'fixtures/cross-year/run'),
];

interface CliDiagnostic {
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

function cliResults(cwd: string): Map<string, CliDiagnostic[]> {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/report-lint.js'), '.', '--format', 'json'], { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'zh_CN.UTF-8', LC_ALL: '', LC_MESSAGES: '' } });
  if (run.status !== 0 && run.status !== 1) throw new Error(run.stderr);
  const results = JSON.parse(run.stdout) as { file: string; diagnostics: CliDiagnostic[] }[];
  return new Map(results.map((r) => [r.file, r.diagnostics]));
}

const fromLsp = (d: LspDiagnostic): CliDiagnostic => ({
  ruleId: d.code,
  severity: d.severity === 1 ? 'error' : 'warning',
  message: d.message,
  line: d.range.start.line + 1,
  column: d.range.start.character + 1,
  endLine: d.range.end.line + 1,
  endColumn: d.range.end.character + 1,
});
const plain = ({ ruleId, severity, message, line, column, endLine, endColumn }: CliDiagnostic): CliDiagnostic => ({ ruleId, severity, message, line, column, endLine, endColumn });

describe('lsp diagnostics equal report-lint --format json', () => {
  let client: LspClient;
  let comparedInAll = 0;
  beforeAll(async () => {
    client = new LspClient([], { LANG: 'zh_CN.UTF-8', LC_ALL: '', LC_MESSAGES: '' });
    await client.initialize(folders, { initializationOptions: { reportLint: { lintWorkspace: false } } });
  });
  afterAll(() => client.stop());

  it.each(folders.map((f) => [f.slice(ROOT.length)]))('%s', async (rel) => {
    const dir = join(ROOT, rel);
    const cli = cliResults(dir);
    const files = [...cli.keys()].filter((f) => !f.endsWith('.expected.json'));
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) client.open(uriOf(join(dir, file)), readFileSync(join(dir, file), 'utf8'));
    let compared = 0;
    for (const file of files) {
      const diagnostics = await client.diagnosticsOf(uriOf(join(dir, file)));
      expect({ file, diagnostics: diagnostics.map(fromLsp) }).toEqual({ file, diagnostics: cli.get(file)!.map(plain) });
      compared += diagnostics.length;
    }
    comparedInAll += compared;
  });

  it('compared findings, not only clean files', () => {
    expect(comparedInAll).toBeGreaterThan(30);
  });
});
