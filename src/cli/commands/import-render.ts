import { Option, type Command } from 'commander';
import type { CommandState, MainIO } from '../../io.js';
import { t } from '../../i18n/index.js';

/** `report-lint import`: a published report (txt, md, html, docx) → a report file (src/import). */
export function registerImport(program: Command, io: MainIO, state: CommandState): void {
  program
    .command('import [files...]')
    .description('把已发布的年报（纯文本、Markdown、网页、Word）转换为报告文件（YAML）；- 表示标准输入；目录或多个文件需配合 --out-dir')
    .option('-o, --output <file>', '写入文件（默认输出到标准输出）')
    .option('--out-dir <dir>', '批量导入：每个输入写成该目录下的 .yaml（按输入的目录结构；已有的文件不覆盖，除非 --force），并打印汇总表')
    .option('--lint', '导入后立即检查生成的报告（位置为生成文件中的行列）')
    .addOption(new Option('-f, --format <name>', '批量导入时检查结果的格式：stylish（默认）或 html（与 -o 文件夹/ 一起：写成网站，每份报告一页，附导入的核对与说明）').choices(['stylish', 'html']))
    .addOption(new Option('--input-type <type>', '输入类型（默认按扩展名；标准输入时必须给出）').choices(['txt', 'md', 'html', 'docx']))
    .addOption(new Option('--lang <lang>', '消息语言').choices(['zh', 'en']))
    .option('--max-file-size <size>', t(state.lang, 'opt.maxFileSize'))
    .option('--force', t(state.lang, 'opt.importForce'))
    .option('--debug', '出现内部错误时打印堆栈')
    .action(async (files: string[], opts) => {
      state.debug = !!opts.debug;
      const { runImport } = await import('../../import/run.js');
      state.code = await runImport(files, opts, io);
    });
}

/** `report-lint render`: a report file → the official tables and text sections (src/render). */
export function registerRender(program: Command, io: MainIO, state: CommandState): void {
  program
    .command('render <file>')
    .description('把报告文件生成为官方表格（Markdown、网页或纯文本），可直接发布')
    .addOption(new Option('--to <format>', '输出格式').choices(['md', 'html', 'txt']).makeOptionMandatory())
    .option('-o, --output <file>', '写入文件（默认输出到标准输出）')
    .addOption(new Option('--lang <lang>', '消息语言').choices(['zh', 'en']))
    .option('--max-file-size <size>', t(state.lang, 'opt.maxFileSize'))
    .option('--debug', '出现内部错误时打印堆栈')
    .action(async (file: string, opts) => {
      state.debug = !!opts.debug;
      const { runRender } = await import('../../render/run.js');
      state.code = await runRender(file, opts, io);
    });
}
