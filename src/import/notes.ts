/** Import diagnostics: what the importer changed, could not place or left missing, by input line. */
import type { MessageKey } from '../i18n/index.js';

export type NoteSeverity = 'warning' | 'info';

export interface ImportNote {
  /** 1-based line in the input (for .docx: the paragraph or table row number). */
  line: number;
  severity: NoteSeverity;
  /** Catalogue key without the `import.` prefix, e.g. `blankCell`. */
  messageId: string;
  data: Record<string, string | number>;
  /** The cell (or row) of the report the note is about; named by its labels in the message. */
  cellPath?: readonly string[];
  rowPath?: readonly string[];
}

export class Notes {
  readonly list: ImportNote[] = [];

  warn(line: number, messageId: string, data: ImportNote['data'] = {}, where: { cellPath?: readonly string[]; rowPath?: readonly string[] } = {}): void {
    this.list.push({ line, severity: 'warning', messageId, data, ...where });
  }

  info(line: number, messageId: string, data: ImportNote['data'] = {}, where: { cellPath?: readonly string[]; rowPath?: readonly string[] } = {}): void {
    this.list.push({ line, severity: 'info', messageId, data, ...where });
  }
}

export const noteKey = (messageId: string) => `import.${messageId}` as MessageKey;
