import { Option, type Command } from 'commander';
import type { CommandState, MainIO } from '../../io.js';
import { t } from '../../i18n/index.js';
import type { Lang } from '../../types.js';

/**
 * `report-lint lsp --stdio`: the language server for editors (src/lsp/). `--stdio` is accepted
 * because clients pass it; stdio is the only transport. The action never returns while the
 * client is connected: the server ends the process when the client goes.
 */
export function registerLsp(program: Command, io: MainIO, state: CommandState): void {
  program
    .command('lsp')
    .description(t(state.lang, 'opt.lsp'))
    .option('--stdio', t(state.lang, 'opt.lspStdio'))
    .addOption(new Option('--lang <lang>', t(state.lang, 'opt.lang')).choices(['zh', 'en']))
    .option('-c, --config <file>', t(state.lang, 'opt.config'))
    .action(async (opts: { lang?: Lang; config?: string }) => {
      const [{ startServer }, { collectFiles }] = await Promise.all([import('../../lsp/server.js'), import('../files.js')]);
      startServer({
        lang: opts.lang,
        config: opts.config,
        collectFiles,
        input: io.stdin ?? process.stdin,
        output: io.stdout,
        env: io.env ?? process.env,
      });
      // Served until the client disconnects (the server exits the process then).
      await new Promise<never>(() => {});
    });
}
