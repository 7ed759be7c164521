import { formatSize } from '../read/read-input.js';

/**
 * What `import` reads at most. A published report is a few hundred lines, three tables of a
 * few hundred cells and, as a .docx, a few hundred KB of XML; these limits are far above that
 * and far below what takes the readers (parse5, mammoth, the table reader) past a few seconds
 * or a few hundred MB. Measured on a 2-core machine: mammoth needs about 1.5 KB of memory and
 * 15 µs per XML element, parse5 about 0.6 KB and 12 µs per node, the table reader about 40 µs
 * per cell. The file size itself is bounded by `--max-file-size`, as for lint.
 */
export const IMPORT_LIMITS = {
  /** Lines of a text or Markdown input; paragraphs and table rows of any input. */
  blocks: 200_000,
  /** Cells in the three table sections (二、三、四) together; the official tables have about 300. */
  tableCells: 20_000,
  /** Grid slots of all HTML tables once rowspan/colspan are expanded. */
  tableSlots: 200_000,
  /** Nesting of HTML elements (a page saved from Word nests about 20 deep, a CMS page about 40). */
  htmlDepth: 256,
  /** Elements, text runs and comments the HTML parser creates (a 1 MB page saved from Word: about 50,000). */
  htmlNodes: 100_000,
  /** Entries in a .docx (a zip): a Word document has a dozen, a few hundred with many images. */
  docxEntries: 1_000,
  /** The XML parts of a .docx (all `.xml` and `.rels` entries) together, unpacked. */
  docxXmlBytes: 20 * 1024 * 1024,
  /** Elements in those XML parts together. */
  docxXmlElements: 100_000,
  /** Nesting of those XML elements (a table in a table in a table is still under 40). */
  docxXmlDepth: 256,
} as const;

export type ImportLimitKey = 'blocks' | 'tableCells' | 'tableSlots' | 'htmlDepth' | 'htmlNodes' | 'docxEntries' | 'docxXmlBytes' | 'docxXmlElements' | 'docxXmlDepth';

/**
 * An input over one of the limits, or a .docx whose zip cannot be trusted. run.ts turns it
 * into one line naming the file (exit 2, or the file's error row in a batch).
 */
export class ImportInputError extends Error {
  override name = 'ImportInputError';
  constructor(
    /** Catalogue key under `import.limit.` or `import.docx.`. */
    readonly messageId: string,
    readonly data: Record<string, string | number> = {},
  ) {
    super(messageId);
  }
}

export function overLimit(key: ImportLimitKey, data: Record<string, string | number> = {}): ImportInputError {
  const limit = key === 'docxXmlBytes' ? formatSize(IMPORT_LIMITS[key]) : IMPORT_LIMITS[key].toLocaleString('en-US');
  return new ImportInputError(`limit.${key}`, { limit, ...data });
}
