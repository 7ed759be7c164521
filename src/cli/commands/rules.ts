import { Option, type Command } from 'commander';
import type { CommandState, MainIO } from '../../io.js';
import { t } from '../../i18n/index.js';

/** `report-lint rules [--format text|json]`: every rule id, default severity, description, docs link. */
export function registerRules(program: Command, io: MainIO, state: CommandState): void {
  program
    .command('rules')
    .description(t(state.lang, 'rulesCmd.cmdDescription'))
    .addOption(new Option('-f, --format <format>', t(state.lang, 'rulesCmd.formatOption')).choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <lang>', t(state.lang, 'opt.lang')).choices(['zh', 'en']))
    .action(async (opts: { format: 'text' | 'json' }) => {
      const { allRules, ruleDescription } = await import('../../check/rule-catalog.js');
      const lang = state.lang;
      const rows = allRules().map((r) => ({ id: r.id, severity: r.severity, description: ruleDescription(lang, r.id), docs: r.docsUrl }));
      if (opts.format === 'json') {
        io.stdout.write(JSON.stringify(rows, null, 2) + '\n');
        return;
      }
      const idWidth = Math.max(...rows.map((r) => r.id.length));
      const sevWidth = Math.max(...rows.map((r) => r.severity.length), 8);
      const lines = rows.map((r) => `${r.id.padEnd(idWidth)}  ${r.severity.padEnd(sevWidth)}  ${r.description}\n${' '.repeat(idWidth + sevWidth + 4)}${r.docs}`);
      io.stdout.write(lines.join('\n') + '\n');
    });
}
