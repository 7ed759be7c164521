import type { CommanderError } from 'commander';
import { langFromEnv, t } from '../i18n/index.js';
import type { Lang } from '../types.js';


/**
 * The language of the run, known before commander parses anything, so that even its usage
 * errors come from the catalogue: `--lang X` / `--lang=X` on the command line, else the locale.
 */
export function langOf(argv: readonly string[], env: NodeJS.ProcessEnv): Lang {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined;
    if (value === 'zh' || value === 'en') return value;
  }
  return langFromEnv(env);
}

/** commander's usage errors, in the run's language; unknown kinds keep commander's own text. */
export function commanderErrorLine(error: CommanderError, lang: Lang): string {
  const quoted = [...error.message.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
  // `'-f, --format <name>'` → `--format`; an unknown option or command is quoted alone.
  const flags = quoted[0] ?? '';
  const option = /--[\w-]+/.exec(flags)?.[0] ?? flags.split(' ')[0]!;
  const suggestion = /Did you mean ([^?]+)\?/.exec(error.message)?.[1];
  const hint = suggestion ? t(lang, 'cli.didYouMean', { suggestion }) : '';
  switch (error.code) {
    case 'commander.unknownOption':
      return t(lang, 'cli.unknownOption', { option }) + hint;
    case 'commander.unknownCommand':
      return t(lang, 'cli.unknownCommand', { command: option }) + hint;
    case 'commander.optionMissingArgument':
      return t(lang, 'cli.missingArgument', { option });
    case 'commander.missingMandatoryOptionValue':
      return t(lang, 'cli.missingOption', { option });
    case 'commander.invalidArgument': {
      const choices = /Allowed choices are (.+)\.$/m.exec(error.message)?.[1];
      if (choices) return t(lang, 'cli.invalidChoice', { option, value: quoted[1] ?? '', choices });
      break;
    }
    case 'commander.excessArguments':
      return t(lang, 'cli.tooManyArguments', { detail: error.message.replace(/^error: /, '').split('\n')[0]! });
  }
  return error.message.replace(/^error: /, '').split('\n')[0]!;
}
