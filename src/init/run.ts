import { existsSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { MainIO } from '../io.js';
import { UsageError } from '../errors.js';
import { t } from '../i18n/index.js';
import type { Template } from '../report-shape.js';
import type { Lang } from '../types.js';
import { sanitize } from '../util/sanitize.js';
import { blankJson, blankYaml } from './generate.js';
import { schemaRefFor } from './schema-copy.js';

export interface InitCliOptions {
  year: string;
  agency: string;
  template: 'auto' | '2019' | '2021';
  format?: 'yaml' | 'json';
  output?: string;
  force?: boolean;
}

/** `report-lint init`: write a blank report of the right template; returns the exit code. */
export function runInit(opts: InitCliOptions, io: MainIO, lang: Lang = 'zh'): number {
  if (!/^\d{4}$/.test(opts.year)) throw new UsageError(`--year 应为四位数年份，实为 ${opts.year}`);
  const year = Number(opts.year);
  if (year < 2019) throw new UsageError(`${year} 年度早于两种官方年报格式（2019 年起施行），无法生成`);
  const agency = opts.agency.trim();
  if (agency === '') throw new UsageError('--agency 不能为空：请写机关全称，如 某某县人民政府');

  const fitting: Template = year <= 2020 ? 2019 : 2021;
  if (opts.template !== 'auto' && Number(opts.template) !== fitting) {
    throw new UsageError(`${year} 年度报告应使用 template ${fitting}，不是 ${opts.template}（2019 格式适用于 2019、2020 年度，2021 格式适用于 2021 年度及以后）`);
  }

  const out = opts.output;
  const extension = out && /\.json$/i.test(out) ? 'json' : out && /\.ya?ml$/i.test(out) ? 'yaml' : undefined;
  const format = opts.format ?? extension ?? 'yaml';
  if (extension && extension !== format) throw new UsageError(`输出文件 ${out} 的扩展名与 --format ${format} 不符`);
  if (out && existsSync(out) && !opts.force) throw new UsageError(`文件已存在：${out}（不会覆盖；确需覆盖请加 --force）`);

  const cwd = io.cwd ?? process.cwd();
  // On stdout the report is redirected into a file of the working directory, as a rule.
  const schema = schemaRefFor(fitting, out ? dirname(resolve(cwd, out)) : cwd, cwd);
  const options = { template: fitting, year, agency, schemaRef: schema.ref };
  const text = format === 'json' ? blankJson(options) : blankYaml(options);
  const hint = () => {
    if (schema.missing) io.stderr.write(t(lang, 'init.schemaMissing', { ref: sanitize(schema.ref), command: sanitize(schema.missing) }) + '\n');
  };
  if (!out) {
    io.stdout.write(text);
    hint();
    return 0;
  }
  try {
    writeFileSync(resolve(io.cwd ?? process.cwd(), out), text, { flag: opts.force ? 'w' : 'wx' });
  } catch (error) {
    throw new UsageError(`无法写入 ${out}：${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  io.stderr.write(`已生成 ${out}（${agency} ${year} 年度，template ${fitting}）。填写后运行：report-lint --fix ${out}\n`);
  hint();
  return 0;
}
