import { Option, type Command } from 'commander';
import type { CommandState, MainIO } from '../../io.js';
import { UsageError } from '../../errors.js';
import { FORMAT_NAMES } from '../../format/index.js';
import { t, type MessageKey } from '../../i18n/index.js';
import type { Lang } from '../../types.js';
import type { LintCliOptions } from '../lint-options.js';

const collect = (value: string, previous: string[]) => [...previous, value];
/** A bad number is a usage error (exit 2, one line), in the run's language. */
const integer = (option: string, lang: Lang) => (value: string) => {
  if (!/^\d+$/.test(value)) throw new UsageError(t(lang, 'cli.needInteger', { option, value }));
  return Number(value);
};

/** The default command: `report-lint [options] <path|glob|->...`. */
export function registerLint(program: Command, io: MainIO, state: CommandState): void {
  const h = (key: MessageKey) => t(state.lang, key);
  program
    .command('lint [paths...]', { isDefault: true })
    .description(h('opt.lint'))
    .addOption(new Option('-f, --format <name>', t(state.lang, 'opt.format', { formats: FORMAT_NAMES.join('|') })).argParser(collect).default([]))
    .addOption(new Option('-o, --output <file>', h('opt.output')).argParser(collect).default([]))
    .option('--html-clean-pages', h('opt.htmlCleanPages'))
    .addOption(new Option('--lang <lang>', h('opt.lang')).choices(['zh', 'en']))
    .option('--color', h('opt.color'))
    .option('--no-color', h('opt.noColor'))
    .option('--stdin-filename <name>', h('opt.stdinFilename'))
    .option('-c, --config <file>', h('opt.config'))
    .addOption(new Option('--rule <id:severity>', h('opt.rule')).argParser(collect).default([]))
    .addOption(new Option('--ignore-pattern <pattern>', h('opt.ignorePattern')).argParser(collect).default([]))
    .addOption(new Option('--max-warnings <n>', h('opt.maxWarnings')).argParser(integer('--max-warnings', state.lang)))
    .option('--quiet', h('opt.quiet'))
    .option('--print-config <file>', h('opt.printConfig'))
    .option('--fix', h('opt.fix'))
    .option('--fix-dry-run', h('opt.fixDryRun'))
    .option('--previous <file>', h('opt.previous'))
    .addOption(new Option('-j, --jobs <n>', h('opt.jobs')).argParser(integer('--jobs', state.lang)))
    .option('--encoding <name>', h('opt.encoding'))
    .option('--max-file-size <size>', h('opt.maxFileSize'))
    .option('--debug', h('opt.debug'))
    .action(async (paths: string[], opts: LintCliOptions) => {
      state.debug = !!opts.debug;
      const { runLint } = await import('../run-lint.js');
      state.code = await runLint(paths, opts, io);
    });
}
