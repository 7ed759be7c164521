import { Option, type Command } from 'commander';
import type { CommandState, MainIO } from '../../io.js';

/** `report-lint init`: a blank report of the right template for a year (src/init). */
export function registerInit(program: Command, io: MainIO, state: CommandState): void {
  program
    .command('init')
    .description('生成一份空白年度报告（全部数字为 0，文字部分为待填写的占位文字）')
    .requiredOption('--year <year>', '报告年度，如 2025')
    .requiredOption('--agency <name>', '机关名称，如 某某县人民政府')
    .addOption(new Option('--template <tpl>', '年报格式；auto 按年度选择').choices(['auto', '2019', '2021']).default('auto'))
    .addOption(new Option('--format <format>', '文件格式（默认按 -o 的扩展名，否则 yaml）').choices(['yaml', 'json']))
    .option('-o, --output <file>', '写入文件（默认输出到标准输出）')
    .option('--force', '覆盖已存在的文件')
    .action(async (opts) => {
      const { runInit } = await import('../../init/run.js');
      state.code = runInit(opts, io, state.lang);
    });
}
