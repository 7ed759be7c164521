import type { Command } from 'commander';
import type { CommandState, MainIO } from '../cli.js';

/** `report-lint rules` (issue 3): not yet built. */
export function registerRules(_program: Command, _io: MainIO, _state: CommandState): void {}
