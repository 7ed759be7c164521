import { Option, type Command } from 'commander';
import type { CommandState, MainIO } from '../../io.js';
import { t } from '../../i18n/index.js';

/** `report-lint init`: a blank report of the right template for a year (src/init). */
export function registerInit(program: Command, io: MainIO, state: CommandState): void {
  const h = (key: Parameters<typeof t>[1]) => t(state.lang, key);
  program
    .command('init')
    .description(h('opt.init'))
    .requiredOption('--year <year>', h('opt.init.year'))
    .requiredOption('--agency <name>', h('opt.init.agency'))
    .addOption(new Option('--template <tpl>', h('opt.init.template')).choices(['auto', '2019', '2021']).default('auto'))
    .addOption(new Option('--format <format>', h('opt.init.format')).choices(['yaml', 'json']))
    .option('-o, --output <file>', h('opt.init.output'))
    .option('--force', h('opt.init.force'))
    .addOption(new Option('--lang <lang>', h('opt.lang')).choices(['zh', 'en']))
    .action(async (opts) => {
      const { runInit } = await import('../../init/run.js');
      state.code = runInit(opts, io, state.lang);
    });
}
