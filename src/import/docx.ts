/**
 * A .docx is a zip, and a zip can hold far more than its size says: 100 KB that inflate to
 * gigabytes (a "zip bomb"), or sizes in its directory that lie. mammoth unpacks whatever it is
 * given, so it never sees the downloaded file: yauzl reads the zip's central directory, the
 * entry count and the declared sizes are checked before anything is inflated, the XML parts
 * are inflated with their declared size enforced while inflating (yauzl's validateEntrySizes),
 * their elements and nesting are counted, and mammoth gets a new zip holding exactly those
 * checked parts, stored uncompressed. Images, fonts and embedded files are never unpacked:
 * the importer reads text and tables only.
 */
import type { Entry } from 'yauzl';
import { formatSize } from '../read/read-input.js';
import { IMPORT_LIMITS, ImportInputError, overLimit } from './limits.js';

/** The parts mammoth reads: document, styles, numbering, notes, comments, relationships. */
const isXmlPart = (name: string) => /\.(xml|rels)$/i.test(name);

/** The checked parts of a .docx, as a zip that mammoth can read without any risk. */
export async function safeDocx(bytes: Uint8Array): Promise<Buffer> {
  const parts = await readDocxParts(bytes);
  const JSZip = (await import('jszip')).default;
  const zip = new JSZip();
  for (const [name, data] of parts) zip.file(name, data, { binary: true, createFolders: false });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
}

/**
 * Every entry of the zip by name: the XML parts unpacked and checked, every other entry empty
 * (so that mammoth still finds, and ignores, the images it is told about).
 */
export async function readDocxParts(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const yauzl = (await import('yauzl')).default;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let zip: import('yauzl').ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, validateEntrySizes: true, decodeStrings: true, strictFileNames: false });
  } catch (error) {
    throw damaged(error);
  }
  // The count is in the end-of-directory record: a million-entry zip is refused before its
  // directory is read.
  if (zip.entryCount > IMPORT_LIMITS.docxEntries) throw overLimit('docxEntries', { count: zip.entryCount.toLocaleString('en-US') });

  const xmlEntries: Entry[] = [];
  const parts = new Map<string, Uint8Array>();
  let declared = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      const name = entry.fileName;
      if (name.endsWith('/')) continue;
      // A real document never names a part twice; which copy a reader takes is up to the reader.
      if (parts.has(name)) throw new ImportInputError('docx.duplicate', { part: name });
      parts.set(name, EMPTY);
      if (!isXmlPart(name)) continue;
      if (entry.isEncrypted()) throw new ImportInputError('docx.encrypted');
      if (!entry.canDecodeFileData()) throw new ImportInputError('docx.method', { part: name, method: entry.compressionMethod });
      declared += entry.uncompressedSize;
      if (declared > IMPORT_LIMITS.docxXmlBytes) throw overLimit('docxXmlBytes', { size: formatSize(declared) });
      xmlEntries.push(entry);
    }
  } catch (error) {
    throw error instanceof ImportInputError ? error : damaged(error);
  }

  const count = { elements: 0 };
  for (const entry of xmlEntries) {
    const data = await inflate(zip, entry);
    scanXml(data, entry.fileName, count);
    parts.set(entry.fileName, data);
  }
  return parts;
}

const EMPTY = new Uint8Array(0);

/** One entry, inflated; never more bytes than its declared size (checked while inflating). */
async function inflate(zip: import('yauzl').ZipFile, entry: Entry): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  let stream: NodeJS.ReadableStream & { destroy(): void };
  try {
    stream = (await zip.openReadStreamPromise(entry)) as typeof stream;
  } catch (error) {
    throw damaged(error);
  }
  try {
    for await (const chunk of stream) {
      total += (chunk as Buffer).length;
      // yauzl stops at the declared size too; counting here keeps the bound independent of it.
      if (total > entry.uncompressedSize) throw new ImportInputError('docx.sizeMismatch', { part: entry.fileName });
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    stream.destroy();
    if (error instanceof ImportInputError) throw error;
    if (/too many bytes|not enough bytes/.test((error as Error).message ?? '')) throw new ImportInputError('docx.sizeMismatch', { part: entry.fileName });
    throw damaged(error);
  }
  return Buffer.concat(chunks, total);
}

function damaged(error: unknown): ImportInputError {
  const message = error instanceof Error ? error.message : String(error);
  return new ImportInputError('docx.damaged', { detail: message.split('\n')[0]! });
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const COMMENT = Buffer.from('<!--');
const CDATA = Buffer.from('<![CDATA[');
const startsAt = (buffer: Buffer, at: number, prefix: Buffer) => buffer.length >= at + prefix.length && buffer.compare(prefix, 0, prefix.length, at, at + prefix.length) === 0;

/**
 * Count the elements and the nesting of one XML part, in one pass over its bytes (UTF-8 keeps
 * every ASCII byte for itself, so no decoding is needed). A DOCTYPE is refused: Word never
 * writes one, and its entity declarations are how an XML file expands in memory.
 */
export function scanXml(bytes: Uint8Array, part: string, count: { elements: number }): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = buffer.length;
  let depth = 0;
  let i = 0;
  while (i < n) {
    const lt = buffer.indexOf(LT, i);
    if (lt < 0) return;
    const next = buffer[lt + 1];
    if (next === SLASH) {
      depth--;
      const gt = buffer.indexOf(GT, lt);
      i = gt < 0 ? n : gt + 1;
      continue;
    }
    if (next === QUESTION) {
      const end = buffer.indexOf('?>', lt + 2);
      i = end < 0 ? n : end + 2;
      continue;
    }
    if (next === BANG) {
      if (startsAt(buffer, lt, COMMENT)) {
        const end = buffer.indexOf('-->', lt + 4);
        i = end < 0 ? n : end + 3;
      } else if (startsAt(buffer, lt, CDATA)) {
        const end = buffer.indexOf(']]>', lt + 9);
        i = end < 0 ? n : end + 3;
      } else {
        throw new ImportInputError('docx.doctype', { part });
      }
      continue;
    }
    // A start tag: its end is the first `>` outside a quoted attribute value.
    let j = lt + 1;
    let quote = 0;
    for (; j < n; j++) {
      const c = buffer[j]!;
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === DQUOTE || c === SQUOTE) quote = c;
      else if (c === GT) break;
    }
    if (++count.elements > IMPORT_LIMITS.docxXmlElements) throw overLimit('docxXmlElements');
    if (buffer[j - 1] !== SLASH && ++depth > IMPORT_LIMITS.docxXmlDepth) throw overLimit('docxXmlDepth', { part });
    i = j + 1;
  }
}
