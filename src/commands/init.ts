import type { Command } from 'commander';
import type { CommandState, MainIO } from '../cli.js';

/** `report-lint init` (issue 4): not yet built. */
export function registerInit(_program: Command, _io: MainIO, _state: CommandState): void {}
