/**
 * Schemas for editors: `report-lint schema` copies them beside the reports, `init` writes a
 * `$schema` that is a path relative to the report (the nearest node_modules/report-lint/schemas/
 * or schemas/ copy, never an absolute path), and the schemas carry a description (the filling
 * notes) beside every title, so an editor shows more than "Incorrect type". The packed
 * package's side (npx, a dependency) is in test/package.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = resolve('bin/report-lint.js');
const run = (args: string[], cwd: string) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LANG: 'zh_CN.UTF-8', LC_ALL: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const root = mkdtempSync(join(tmpdir(), 'report-lint-schema-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const project = () => {
  const dir = join(root, `p${n++}`);
  mkdirSync(join(dir, 'reports'), { recursive: true });
  return dir;
};
const schemaLine = (file: string) => readFileSync(file, 'utf8').split('\n')[0]!;
/** Every `$ref` file of the schemas in a folder exists in that folder. */
const refsResolve = (dir: string) => {
  for (const name of readdirSync(dir)) {
    for (const m of readFileSync(join(dir, name), 'utf8').matchAll(/"\$ref":\s*"([^"#]+)/g)) expect(existsSync(join(dir, m[1]!)), `${name} → ${m[1]}`).toBe(true);
  }
};

describe('report-lint schema', () => {
  it('--template 2021 -o DIR writes the 2021 report schema and exactly the files it references, unchanged', () => {
    const dir = project();
    const r = run(['schema', '--template', '2021', '-o', 'reports/schemas'], dir);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '已把 5 个 schema 文件写入 reports/schemas（编辑器从 report-2021.schema.json 开始读取）\n' });
    const written = readdirSync(join(dir, 'reports/schemas')).sort();
    expect(written).toEqual(['applications-2021.schema.json', 'common.schema.json', 'proactive-2021.schema.json', 'report-2021.schema.json', 'review-litigation.schema.json']);
    for (const name of written) expect(readFileSync(join(dir, 'reports/schemas', name), 'utf8')).toBe(readFileSync(join('schemas', name), 'utf8'));
    refsResolve(join(dir, 'reports/schemas'));
  });

  it('without --template writes every report schema (report.schema.json picks by template) into schemas/, replacing old copies', () => {
    const dir = project();
    mkdirSync(join(dir, 'schemas'));
    writeFileSync(join(dir, 'schemas/common.schema.json'), '{"old": true}\n');
    const r = run(['schema', '--lang', 'en'], dir);
    expect(r).toEqual({ code: 0, stdout: '', stderr: 'Wrote 9 schema files into schemas (editors start from report.schema.json)\n' });
    expect(readdirSync(join(dir, 'schemas')).sort()).toEqual(readdirSync('schemas').filter((f) => f.endsWith('.schema.json')).sort());
    expect(readFileSync(join(dir, 'schemas/common.schema.json'), 'utf8')).toBe(readFileSync('schemas/common.schema.json', 'utf8'));
    refsResolve(join(dir, 'schemas'));
  });

  it('exits 2 with one line when the folder cannot be made, and for an unknown template', () => {
    const dir = project();
    writeFileSync(join(dir, 'file'), 'x');
    for (const args of [['schema', '-o', 'file/schemas'], ['schema', '--template', '2020']]) {
      const r = run(args, dir);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
    expect(run(['schema', '-o', 'file/schemas'], dir).stderr).toMatch(/^report-lint: 无法写入 .*file\/schemas\/[\w-]+\.schema\.json：\w+\n$/);
  });
});

describe('init writes a portable $schema', () => {
  it('with no schemas anywhere above the report: schemas/ beside it, and a hint with the command that writes them', () => {
    const dir = project();
    const r = run(['init', '--year', '2025', '--agency', '某局', '-o', 'reports/2025.yaml'], dir);
    expect(r.code).toBe(0);
    expect(schemaLine(join(dir, 'reports/2025.yaml'))).toBe('# yaml-language-server: $schema=schemas/report-2021.schema.json');
    expect(r.stderr.split('\n')[1]).toBe(
      '提示：$schema 指向 schemas/report-2021.schema.json，该文件还不存在。把 report-lint 装为项目的依赖（npm i -D report-lint），或运行 report-lint schema --template 2021 -o reports/schemas 生成，编辑器才能显示标签和填报说明',
    );
    // The hint's command, run as given, makes the reference resolve.
    const command = /运行 report-lint (schema [^，]+) 生成/.exec(r.stderr)![1]!.split(' ');
    expect(run(command, dir).code).toBe(0);
    expect(existsSync(join(dir, 'reports/schemas/report-2021.schema.json'))).toBe(true);
    // Now found: the next report of the folder gets the same reference and no hint.
    const again = run(['init', '--year', '2026', '--agency', '某局', '-o', 'reports/2026.yaml'], dir);
    expect(again.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(schemaLine(join(dir, 'reports/2026.yaml'))).toBe('# yaml-language-server: $schema=schemas/report-2021.schema.json');
  });

  it('reaches the nearest node_modules/report-lint/schemas/ when report-lint is a dependency of the project (JSON too)', () => {
    const dir = project();
    cpSync('schemas', join(dir, 'node_modules/report-lint/schemas'), { recursive: true });
    mkdirSync(join(dir, 'reports/county'));
    const r = run(['init', '--year', '2020', '--agency', '某局', '-o', 'reports/county/2020.json'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('提示');
    const ref = (JSON.parse(readFileSync(join(dir, 'reports/county/2020.json'), 'utf8')) as { $schema: string }).$schema;
    expect(ref).toBe('../../node_modules/report-lint/schemas/report-2019.schema.json');
    expect(existsSync(resolve(join(dir, 'reports/county'), ref))).toBe(true);
    // On stdout: relative to the working directory.
    expect(run(['init', '--year', '2020', '--agency', '某局'], dir).stdout.split('\n')[0]).toBe('# yaml-language-server: $schema=node_modules/report-lint/schemas/report-2019.schema.json');
  });

  it('the nearest copy wins, and a schemas/ folder of some other project is passed over', () => {
    const dir = project();
    cpSync('schemas', join(dir, 'node_modules/report-lint/schemas'), { recursive: true });
    run(['schema', '--template', '2021', '-o', 'reports/schemas'], dir);
    expect(run(['init', '--year', '2025', '--agency', '某局', '-o', 'reports/a.yaml'], dir).code).toBe(0);
    expect(schemaLine(join(dir, 'reports/a.yaml'))).toBe('# yaml-language-server: $schema=schemas/report-2021.schema.json');

    mkdirSync(join(dir, 'other/schemas'), { recursive: true });
    writeFileSync(join(dir, 'other/schemas/report-2021.schema.json'), '{"$id": "https://example.com/report-2021.schema.json"}\n');
    expect(run(['init', '--year', '2025', '--agency', '某局', '-o', 'other/a.yaml'], dir).code).toBe(0);
    expect(schemaLine(join(dir, 'other/a.yaml'))).toBe('# yaml-language-server: $schema=../node_modules/report-lint/schemas/report-2021.schema.json');
  });

  it('is never an absolute path', () => {
    const dir = project();
    for (const args of [['-o', join(dir, 'reports/abs.yaml')], ['-o', 'reports/rel.json'], []]) {
      const r = run(['init', '--year', '2025', '--agency', '某局', ...args], dir);
      const text = args.length ? readFileSync(resolve(dir, args[1]!), 'utf8') : r.stdout;
      const ref = /\$schema"?[=:] ?"?([^"\n]+)/.exec(text)![1]!;
      expect(ref.startsWith('/')).toBe(false);
      expect(ref).not.toContain(dir);
      expect(ref).toMatch(/^(\.\.\/)*[\w./-]+\.schema\.json$/);
    }
  });
});

describe('the schemas carry the filling notes', () => {
  const files = readdirSync('schemas').filter((f) => f.endsWith('.schema.json'));
  /** Every object with a title in a schema file: [where, title, description]. */
  const titled = (name: string) => {
    const out: [string, string, unknown][] = [];
    const walk = (o: unknown, at: string) => {
      if (!o || typeof o !== 'object') return;
      const rec = o as Record<string, unknown>;
      if (typeof rec.title === 'string') out.push([`${name}#${at}`, rec.title, rec.description]);
      for (const [k, v] of Object.entries(rec)) walk(v, `${at}/${k}`);
    };
    walk(JSON.parse(readFileSync(join('schemas', name), 'utf8')), '');
    return out;
  };

  it('every titled property of the report schemas has a description in Chinese that says more than its title', () => {
    const all = files.flatMap(titled);
    expect(all.length).toBeGreaterThan(150);
    const bad = all.filter(([, title, d]) => typeof d !== 'string' || !/\p{Script=Han}/u.test(d) || d === title || d.length <= title.length);
    expect(bad).toEqual([]);
  });

  it('says what the official tables say, where an editor shows it', () => {
    const get = (name: string, pointer: string) => {
      let o = JSON.parse(readFileSync(join('schemas', name), 'utf8')) as Record<string, unknown>;
      for (const key of pointer.split('/').filter(Boolean)) o = o[key] as Record<string, unknown>;
      return o.description as string;
    };
    expect(get('applications-2021.schema.json', '/properties/received')).toContain('本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和');
    expect(get('applications-2019.schema.json', '/properties/outcomes/properties/partly_disclosed')).toContain('区分处理的，只计这一情形，不计其他情形');
    expect(get('applications-2019.schema.json', '/properties/outcomes/properties/other')).toContain('没有子项');
    expect(get('proactive-2021.schema.json', '/properties/fees/properties/amount')).toMatch(/单位：万元.*4 位小数/);
    expect(get('proactive-2019.schema.json', '/properties/licensing/properties/change')).toContain('负数');
    expect(get('common.schema.json', '/definitions/applicantRow/properties/commercial')).toContain('商业机构');
    expect(get('report-2021.schema.json', '/properties/other_matters')).toContain('没有时填“无”');
    expect(get('report-2019.schema.json', '/properties/template')).toContain('国办公开办函〔2019〕60号');
  });
});

// The init reference must stay inside the project: a report folder's parent chain is all it reads.
it('a report folder with neither copy above it gets no reference to anything outside', () => {
  const dir = project();
  const file = join(dir, 'reports/x.yaml');
  expect(run(['init', '--year', '2021', '--agency', '某局', '-o', file], dirname(dir)).code).toBe(0);
  expect(schemaLine(file)).toBe('# yaml-language-server: $schema=schemas/report-2021.schema.json');
});
