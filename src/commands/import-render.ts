import type { Command } from 'commander';
import type { CommandState, MainIO } from '../cli.js';

/** `report-lint import` (issue 5): not yet built. */
export function registerImport(_program: Command, _io: MainIO, _state: CommandState): void {}

/** `report-lint render` (issue 5): not yet built. */
export function registerRender(_program: Command, _io: MainIO, _state: CommandState): void {}
