import { createReadStream, type ReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { RateDeckFormat } from '@tollgate/db';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

const BATCH_SIZE = 1000;

/** A cell as the readers give it: CSV cells are text, XLSX cells may be numbers or dates. */
export type SpreadsheetCell = string | number | Date | boolean | null | undefined;

/** One record of an uploaded file: its line (CSV) or row number (XLSX), counted from 1 = the header. */
export interface SpreadsheetRecord {
  line: number;
  cells: SpreadsheetCell[];
}

/** A file that cannot be read as what it claims to be; `line` where reading stopped, when known. */
export class UnreadableFileError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/**
 * Streams the records of an uploaded file (a rate deck, a CDR file), the header first, without holding the file: CSV through
 * csv-parse, XLSX through exceljs's streaming WorkbookReader (first worksheet only). `bytesRead` tells
 * how far into the file reading is, for progress.
 */
export class SpreadsheetReader {
  private readonly file: ReadStream;

  constructor(
    path: string,
    private readonly format: RateDeckFormat,
    private readonly delimiter: string,
  ) {
    this.file = createReadStream(path, { highWaterMark: 256 * 1024 });
  }

  get bytesRead(): number {
    return this.file.bytesRead;
  }

  /** The records one by one. */
  async *records(): AsyncGenerator<SpreadsheetRecord> {
    for await (const batch of this.batches()) yield* batch;
  }

  /**
   * The records in batches of up to `BATCH_SIZE`, in order: a million-row file is a thousand awaits
   * rather than a million (each await of an async generator costs more than checking a row).
   */
  batches(): AsyncGenerator<SpreadsheetRecord[]> {
    return this.format === RateDeckFormat.Csv ? this.csvBatches() : this.xlsxBatches();
  }

  close(): void {
    this.file.destroy();
  }

  /**
   * Lines are counted here rather than asked of csv-parse (its `info` option builds two objects per
   * record, a third of the parsing time): every record is one line plus the line breaks inside its
   * quoted fields, and blank lines are read as records of empty cells, counted and skipped.
   */
  private async *csvBatches(): AsyncGenerator<SpreadsheetRecord[]> {
    const parser = this.file.pipe(
      parse({ bom: true, delimiter: this.delimiter, relax_column_count: true, skip_empty_lines: false }),
    );
    this.file.on('error', (error) => parser.destroy(error));
    let line = 0;
    try {
      for (;;) {
        const batch: SpreadsheetRecord[] = [];
        let record: string[] | null = null;
        while (batch.length < BATCH_SIZE && (record = parser.read() as string[] | null) !== null) {
          line++;
          if (record.length === 1 && record[0]!.trim() === '') continue;
          const first = line;
          for (const cell of record) if (cell.includes('\n')) line += cell.split('\n').length - 1;
          batch.push({ line: first, cells: record });
        }
        if (batch.length > 0) yield batch;
        else if (record === null) {
          if (parser.readableEnded) return;
          await readable(parser);
        }
      }
    } catch (error) {
      const at = (error as { lines?: number }).lines ?? line;
      throw new UnreadableFileError(`not a readable CSV file: ${(error as Error).message}`, at);
    }
  }

  private async *xlsxBatches(): AsyncGenerator<SpreadsheetRecord[]> {
    const workbook = new ExcelJS.stream.xlsx.WorkbookReader(this.file, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      // Styles tell date cells from numbers.
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    let line = 0;
    try {
      for await (const worksheet of workbook) {
        let batch: SpreadsheetRecord[] = [];
        for await (const row of worksheet) {
          line = row.number;
          const values = row.values as ExcelJS.CellValue[];
          batch.push({ line, cells: values.slice(1).map(xlsxCell) });
          if (batch.length >= BATCH_SIZE) {
            yield batch;
            batch = [];
          }
        }
        if (batch.length > 0) yield batch;
        return;
      }
    } catch (error) {
      if (error instanceof UnreadableFileError) throw error;
      throw new UnreadableFileError(`not a readable XLSX workbook: ${(error as Error).message}`, line);
    }
  }
}

/** Resolves when the stream has more to read or has ended; rejects when it fails. */
function readable(stream: Readable): Promise<void> {
  if (stream.errored) return Promise.reject(stream.errored);
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      stream.off('readable', settle).off('end', settle).off('error', settle);
      if (error) reject(error);
      else resolve();
    };
    stream.on('readable', settle).on('end', settle).on('error', settle);
  });
}

function xlsxCell(value: ExcelJS.CellValue): SpreadsheetCell {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return xlsxCell(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return null;
}
