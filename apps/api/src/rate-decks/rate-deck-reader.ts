import { createReadStream, type ReadStream } from 'node:fs';
import { RateDeckFormat } from '@tollgate/db';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import type { RateDeckCell } from './rate-deck-row';

/** One record of a deck file: its line (CSV) or row number (XLSX), counted from 1 = the header. */
export interface DeckRecord {
  line: number;
  cells: RateDeckCell[];
}

/** A file that cannot be read as what it claims to be; `line` where reading stopped, when known. */
export class UnreadableDeckError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/**
 * Streams the records of a deck file, the header first, without holding the file: CSV through
 * csv-parse, XLSX through exceljs's streaming WorkbookReader (first worksheet only). `bytesRead` tells
 * how far into the file reading is, for progress.
 */
export class RateDeckReader {
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

  records(): AsyncGenerator<DeckRecord> {
    return this.format === RateDeckFormat.Csv ? this.csvRecords() : this.xlsxRecords();
  }

  close(): void {
    this.file.destroy();
  }

  /**
   * Lines are counted here rather than asked of csv-parse (its `info` option builds two objects per
   * record, a third of the parsing time): every record is one line plus the line breaks inside its
   * quoted fields, and blank lines are read as records of empty cells, counted and skipped.
   */
  private async *csvRecords(): AsyncGenerator<DeckRecord> {
    const parser = this.file.pipe(
      parse({ bom: true, delimiter: this.delimiter, relax_column_count: true, skip_empty_lines: false }),
    );
    this.file.on('error', (error) => parser.destroy(error));
    let line = 0;
    try {
      for await (const record of parser as AsyncIterable<string[]>) {
        line++;
        if (record.length === 1 && record[0]!.trim() === '') continue;
        const first = line;
        for (const cell of record) if (cell.includes('\n')) line += cell.split('\n').length - 1;
        yield { line: first, cells: record };
      }
    } catch (error) {
      const at = (error as { lines?: number }).lines ?? line;
      throw new UnreadableDeckError(`not a readable CSV file: ${(error as Error).message}`, at);
    }
  }

  private async *xlsxRecords(): AsyncGenerator<DeckRecord> {
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
        for await (const row of worksheet) {
          line = row.number;
          const values = row.values as ExcelJS.CellValue[];
          yield { line, cells: values.slice(1).map(xlsxCell) };
        }
        return;
      }
    } catch (error) {
      if (error instanceof UnreadableDeckError) throw error;
      throw new UnreadableDeckError(`not a readable XLSX workbook: ${(error as Error).message}`, line);
    }
  }
}

function xlsxCell(value: ExcelJS.CellValue): RateDeckCell {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return xlsxCell(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return null;
}
