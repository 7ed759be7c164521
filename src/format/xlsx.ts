import { PassThrough } from 'node:stream';
import type { BinaryFormatter } from '../types.js';
import { findingsSheet, reportsSheet, rulesSheet, type Sheet } from './table-rows.js';

/**
 * `--format xlsx`: a workbook of three sheets (src/format/table-rows.ts): the findings, one row
 * per report with its counts per rule, and the rule catalogue. Numbers are number cells, text is
 * text (never a formula, whatever it starts with). Written by exceljs's streaming writer, which
 * commits each row as it goes instead of building the whole workbook as objects first; the
 * finished file is collected in memory (a few MB for a province) and written atomically by the
 * caller. exceljs is loaded only when this format is asked for.
 */
const xlsx: BinaryFormatter = async (results, { cwd, lang }) => {
  const { default: ExcelJS } = await import('exceljs');
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: true, useStyles: true });
  workbook.creator = 'report-lint';
  for (const sheet of [findingsSheet(results, cwd, lang), reportsSheet(results, cwd, lang), rulesSheet(lang)]) addSheet(workbook, sheet);
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
};
export default xlsx;

type Workbook = InstanceType<(typeof import('exceljs'))['stream']['xlsx']['WorkbookWriter']>;

function addSheet(workbook: Workbook, sheet: Sheet): void {
  // Frozen header row and a filter on it: what an evaluator sets up first by hand.
  const worksheet = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  worksheet.columns = sheet.header.map((header, i) => ({ header, width: sheet.widths[i] ?? 10 }));
  worksheet.getRow(1).font = { bold: true };
  worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.header.length } };
  worksheet.getRow(1).commit();
  for (const row of sheet.rows) worksheet.addRow(row.map((cell) => cell ?? null)).commit();
  worksheet.commit();
}
