import { parseString } from '@fast-csv/parse';
import ExcelJS from 'exceljs';
import { open, readFile } from 'node:fs/promises';
import { AppError } from '../common/errors/app-error';
import { importFileInvalid } from './transfers.errors';
import type { Cell } from './import-rows';

export type ImportFileKind = 'xlsx' | 'csv';

export interface SheetRow {
  /** The row's number in the sheet (the header is 1). */
  rowNo: number;
  cells: Cell[];
}

/**
 * What an uploaded file is, from its first bytes rather than its name: an .xlsx is a zip, an old
 * .xls a compound document we cannot read, anything else is taken for CSV text.
 */
export async function sniffImportFile(path: string): Promise<ImportFileKind> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    if (bytesRead === 0) throw importFileInvalid('文件是空的');
    if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
    if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) throw importFileInvalid('这是旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后再上传');
    if (head.subarray(0, bytesRead).includes(0)) throw importFileInvalid('文件不是 .xlsx 或 CSV');
    return 'csv';
  } finally {
    await handle.close();
  }
}

/** The first sheet's rows in order, read as a stream (an .xlsx) so a large file never sits in memory whole. */
export async function* readImportRows(path: string, kind: ImportFileKind): AsyncGenerator<SheetRow> {
  if (kind === 'csv') {
    yield* readCsv(path);
    return;
  }
  let reader: AsyncIterable<AsyncIterable<ExcelJS.Row>>;
  try {
    reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit' }) as unknown as AsyncIterable<AsyncIterable<ExcelJS.Row>>;
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = Array.isArray(row.values) ? row.values.slice(1) : [];
        yield { rowNo: row.number, cells: values.map(cellValue) };
      }
      return;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw importFileInvalid(`.xlsx 文件无法读取（${error instanceof Error ? error.message.slice(0, 80) : '格式错误'}），请用 Excel 重新保存后上传`);
  }
}

/** Excel's formulas, rich text and links reduce to what the cell shows. */
function cellValue(value: ExcelJS.CellValue | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
    if ('error' in value) return null;
  }
  return String(value as unknown as string);
}

/** CSV from Excel in China is often GB18030 (GBK), not UTF-8: decode strictly as UTF-8 first, then fall back. */
async function* readCsv(path: string): AsyncGenerator<SheetRow> {
  const bytes = await readFile(path);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('gb18030').decode(bytes);
  }
  const rows: string[][] = await new Promise((resolve, reject) => {
    const out: string[][] = [];
    parseString(text.replace(/^\uFEFF/, ''), { discardUnmappedColumns: false, strictColumnHandling: false })
      .on('error', (error: Error) => reject(importFileInvalid(`CSV 文件无法解析：${error.message.slice(0, 80)}`)))
      .on('data', (row: string[]) => out.push(row))
      .on('end', () => resolve(out));
  });
  let rowNo = 0;
  for (const cells of rows) yield { rowNo: ++rowNo, cells };
}
