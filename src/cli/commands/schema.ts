import { Option, type Command } from 'commander';
import type { CommandState, MainIO } from '../../io.js';
import { t } from '../../i18n/index.js';

/** `report-lint schema [--template 2019|2021] [-o DIR]`: the report schemas copied for editors (src/init/schema-copy.ts). */
export function registerSchema(program: Command, io: MainIO, state: CommandState): void {
  program
    .command('schema')
    .description(t(state.lang, 'schemaCmd.cmdDescription'))
    .addOption(new Option('--template <tpl>', t(state.lang, 'schemaCmd.templateOption')).choices(['2019', '2021']))
    .option('-o, --output <dir>', t(state.lang, 'schemaCmd.outputOption'), 'schemas')
    .addOption(new Option('--lang <lang>', t(state.lang, 'opt.lang')).choices(['zh', 'en']))
    .action(async (opts) => {
      const { runSchema } = await import('../../init/schema-copy.js');
      state.code = runSchema(opts, io, state.lang);
    });
}
