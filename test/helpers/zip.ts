/** The zip writer of test/fuzz/zip.mjs (shared with the fuzz run), typed for the tests. */
// @ts-expect-error plain JavaScript shared with scripts/fuzz.mjs
import * as zip from '../fuzz/zip.mjs';

export interface ZipEntry {
  name: string;
  data: Uint8Array | string;
  /** The uncompressed size written into the headers (default: the true size). */
  declaredSize?: number;
  /** 8 deflate (default), 0 stored. */
  method?: 0 | 8;
}

export const makeZip: (entries: readonly ZipEntry[]) => Buffer = zip.makeZip;
/** document.xml around a body (paragraphs, tables). */
export const documentXml: (body: string) => string = zip.documentXml;
export const paragraph: (text: string) => string = zip.paragraph;
/** The parts every .docx has, with `document` as word/document.xml and any more entries. */
export const docxEntries: (document: string | Uint8Array, more?: ZipEntry[], documentEntry?: Partial<ZipEntry>) => ZipEntry[] = zip.docxEntries;
