import { PassThrough } from "node:stream";
import { stringify } from "csv-stringify/sync";
import type ExcelJS from "exceljs";

/**
 * Tables as files to download (decision 066): the same sheets become a CSV or an XLSX workbook,
 * written as their rows come, so a large journal never sits whole in memory.
 */

/** A calendar day or a wall-clock time as the office reads it: "yyyy-MM-dd" or "yyyy-MM-dd HH:mm:ss". */
export interface WallTime {
  wall: string;
}
export type Cell = string | number | WallTime | null;

export interface Column {
  header: string;
  /** XLSX column width in characters. */
  width?: number;
  /** XLSX number format (a date column: "dd.mm.yyyy"). */
  numFmt?: string;
}

export interface Sheet {
  /** The XLSX sheet's tab; the CSV has no room for it. */
  name: string;
  columns: Column[];
  /** Rows in batches (one journal page each): a batch is written before the next is asked for. */
  batches: AsyncIterable<Cell[][]> | Iterable<Cell[][]>;
  /** Rows shown in bold after the data (a totals row). */
  footer?: Cell[][];
}

export type ExportFormat = "csv" | "xlsx";

export function isExportFormat(value: unknown): value is ExportFormat {
  return value === "csv" || value === "xlsx";
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

const isWall = (cell: Cell): cell is WallTime => typeof cell === "object" && cell !== null;

function csvCell(cell: Cell): string | number | null {
  return isWall(cell) ? cell.wall : cell;
}

/**
 * RFC 4180 with a byte-order mark: comma-separated, CRLF, quoted where needed; a text cell that a
 * spreadsheet would run as a formula (=, +, -, @) gets a leading apostrophe. Several sheets follow
 * one another, an empty line between them, each under its own header.
 */
export function csvStream(sheets: Sheet[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const options = { record_delimiter: "windows", escape_formulas: true } as const;
  const chunks = (async function* () {
    yield "\uFEFF";
    for (const [i, sheet] of sheets.entries()) {
      if (i > 0) yield "\r\n";
      yield stringify([sheet.columns.map((c) => c.header)], options);
      for await (const batch of sheet.batches) if (batch.length) yield stringify(batch.map((row) => row.map(csvCell)), options);
      if (sheet.footer?.length) yield stringify(sheet.footer.map((row) => row.map(csvCell)), options);
    }
  })();
  return pulled(chunks, (text) => encoder.encode(text));
}

/** A wall-clock time as an Excel date: Excel has no zones, so the office's digits are written as they read. */
function excelDate(wall: string): Date {
  const [y, m, d, hh = 0, mm = 0, ss = 0] = wall.split(/[-: T]/).map(Number);
  return new Date(Date.UTC(y, m - 1, d, hh, mm, ss));
}

function xlsxCell(cell: Cell): ExcelJS.CellValue {
  return isWall(cell) ? excelDate(cell.wall) : cell;
}

/** Excel refuses these in a sheet's name, and names longer than 31 characters. */
function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, " ").slice(0, 31);
}

/**
 * An XLSX workbook written by exceljs's streaming WorkbookWriter: each row is committed (written
 * out and dropped) as it comes, strings inline rather than in a shared table that would grow with
 * the file. The header row is bold and frozen; dates are real dates in the column's format.
 */
export function xlsxStream(sheets: Sheet[]): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  let workbook: ExcelJS.stream.xlsx.WorkbookWriter | undefined;
  const rows = (async function* () {
    // Loaded by the first download, not at start: exceljs is about 17 MB of a server's memory
    // (docs/benchmarks.md, `npm start`'s memory), and most processes never write a workbook.
    const { default: excel } = await import("exceljs");
    workbook = new excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    for (const sheet of sheets) {
      const ws = workbook.addWorksheet(sheetName(sheet.name), { views: [{ state: "frozen", ySplit: 1 }] });
      ws.columns = sheet.columns.map((c, i) => ({ key: String(i), width: c.width ?? Math.max(10, Math.min(40, c.header.length + 2)), style: c.numFmt ? { numFmt: c.numFmt } : {} }));
      const header = ws.addRow(sheet.columns.map((c) => c.header));
      header.font = { bold: true };
      header.commit();
      for await (const batch of sheet.batches) {
        for (const row of batch) ws.addRow(row.map(xlsxCell)).commit();
        yield;
      }
      for (const row of sheet.footer ?? []) {
        const r = ws.addRow(row.map(xlsxCell));
        r.font = { bold: true };
        r.commit();
      }
      ws.commit();
    }
  })();
  // The workbook's last parts (styles, the zip's directory) are written while the reader reads them.
  return fromWriter(out, rows, () => workbook!.commit());
}

/**
 * A stream that asks its source for the next chunk only when the reader wants more (a pull source
 * with a byte-sized high-water mark): a slow download stops the database reads instead of piling
 * up rows, and a cancelled one stops them for good.
 */
function pulled<T>(source: AsyncGenerator<T>, toBytes: (chunk: T) => Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await source.next();
        if (next.done) controller.close();
        else controller.enqueue(toBytes(next.value));
      },
      async cancel() {
        await source.return(undefined);
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }),
  );
}

/**
 * What a Node writer (the workbook's zip) writes to `out`, as a pull stream: a pull first hands on
 * what the zip has written; only when it has written nothing more does the writer get the next
 * batch of rows. A reader that stops reading stops the batches once the queue holds 64 kB of the
 * zip's output, so about that much and one batch wait in memory whatever the file's size.
 * `finish` runs once the rows are written, while the reader reads.
 */
const ZIP_TURNS_PER_BATCH = 256;

function fromWriter(out: PassThrough, rows: AsyncGenerator<void>, finish: () => Promise<unknown>): ReadableStream<Uint8Array> {
  let rowsDone = false;
  let failed: { error: unknown } | null = null;
  out.on("error", (error) => (failed ??= { error }));
  const read = (): Uint8Array[] => {
    const chunks: Uint8Array[] = [];
    for (let chunk: Buffer | null; (chunk = out.read() as Buffer | null) !== null; ) chunks.push(new Uint8Array(chunk));
    return chunks;
  };
  /** Until `out` has bytes to read, has ended or failed ('readable' is also emitted at its end). */
  const moved = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        out.off("readable", done).off("end", done).off("error", done).off("close", done);
        resolve();
      };
      out.on("readable", done).on("end", done).on("error", done).on("close", done);
    });
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          if (failed) return controller.error(failed.error);
          const chunks = read();
          if (chunks.length > 0) {
            for (const chunk of chunks) controller.enqueue(chunk);
            return;
          }
          if (out.readableEnded) return controller.close();
          if (!rowsDone) {
            const step = await rows.next().catch((error: unknown) => {
              failed ??= { error };
              return { done: true as const, value: undefined };
            });
            if (step.done && !failed) {
              rowsDone = true;
              finish().catch((error: unknown) => (failed ??= { error }));
            }
            // Give the zip turns to compress what the batch wrote, until it hands some on: it
            // compresses a slice a turn, and a batch not yet compressed when the next is asked for
            // would pile up in memory (the embedded database reads a page in one turn). A small
            // batch may give nothing until more comes, so the turns are bounded.
            for (let turn = 0; turn < ZIP_TURNS_PER_BATCH && out.readableLength === 0 && !out.readableEnded; turn++) {
              await new Promise((resolve) => setImmediate(resolve));
            }
          } else await moved();
        }
      },
      async cancel() {
        await rows.return(undefined);
        out.destroy();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }),
  );
}

/**
 * `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266): browsers take the UTF-8 name in the
 * user's language, an old client the ASCII one.
 */
export function contentDisposition(name: string, asciiName: string): string {
  const ascii = asciiName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The download as the route answers it: the file's type, its name, and never a cached copy. */
export function downloadResponse(format: ExportFormat, sheets: Sheet[], name: { stem: string; asciiStem: string }): Response {
  const body = format === "csv" ? csvStream(sheets) : xlsxStream(sheets);
  return new Response(body, {
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Disposition": contentDisposition(`${name.stem}.${format}`, `${name.asciiStem}.${format}`),
      "Cache-Control": "no-store",
    },
  });
}
