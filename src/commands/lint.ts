import { Option, type Command } from 'commander';
import type { CommandState, MainIO } from '../cli.js';
import { FORMAT_NAMES } from '../format/index.js';

/** Options of the default command, as commander hands them to run-lint. */
export interface LintCliOptions {
  format: string[];
  output: string[];
  lang?: 'zh' | 'en';
  color?: boolean;
  stdinFilename?: string;
  debug?: boolean;
  // issue 3
  config?: string;
  rule: string[];
  ignorePattern: string[];
  maxWarnings?: number;
  quiet?: boolean;
  printConfig?: string;
  // issue 4
  fix?: boolean;
  fixDryRun?: boolean;
  previous?: string;
  // issue 6
  jobs?: number;
  // issue 7
  encoding?: string;
  maxFileSize?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];
const integer = (name: string) => (value: string) => {
  if (!/^\d+$/.test(value)) throw new Error(`${name} 需要非负整数，实为 ${value}`);
  return Number(value);
};

/** The default command: `report-lint [options] <path|glob|->...`. */
export function registerLint(program: Command, io: MainIO, state: CommandState): void {
  program
    .command('lint [paths...]', { isDefault: true })
    .description('检查报告文件（默认命令）')
    .addOption(new Option('-f, --format <name>', `输出格式：${FORMAT_NAMES.join('|')}；可多次给出，与 --output 依次配对`).argParser(collect).default([]))
    .addOption(new Option('-o, --output <file>', '把结果写入文件；可多次给出').argParser(collect).default([]))
    .addOption(new Option('--lang <lang>', '消息语言（默认取 LC_ALL/LANG，否则中文）').choices(['zh', 'en']))
    .option('--color', '强制彩色输出（NO_COLOR 优先）')
    .option('--no-color', '不使用颜色')
    .option('--stdin-filename <name>', '从标准输入（-）读取时，输出中使用的文件名')
    .option('-c, --config <file>', '配置文件（默认从当前目录向上查找 .report-lint.yaml）')
    .addOption(new Option('--rule <id:severity>', '覆盖规则级别，如 balance:warning、carry-over:off；可多次给出').argParser(collect).default([]))
    .addOption(new Option('--ignore-pattern <pattern>', '跳过匹配的路径（glob）；可多次给出').argParser(collect).default([]))
    .addOption(new Option('--max-warnings <n>', '警告超过 n 个时退出码为 1').argParser(integer('--max-warnings')))
    .option('--quiet', '只报告错误，不报告警告')
    .option('--print-config <file>', '打印对该文件生效的配置')
    .option('--fix', '自动填写或更正可由分项算出的合计')
    .option('--fix-dry-run', '显示 --fix 会做的修改（diff），不写文件')
    .option('--previous <file>', '上一年度的报告，用于跨年度检查')
    .addOption(new Option('-j, --jobs <n>', '并行线程数（默认：CPU 核数；文件少时单线程）').argParser(integer('--jobs')))
    .option('--encoding <name>', '按指定编码读取文件，如 gb18030')
    .option('--max-file-size <size>', '超过该大小的文件不读取（默认 10MB）')
    .option('--debug', '出现内部错误时打印堆栈')
    .action(async (paths: string[], opts: LintCliOptions) => {
      state.debug = !!opts.debug;
      const { runLint } = await import('../run-lint.js');
      state.code = await runLint(paths, opts, io);
    });
}
