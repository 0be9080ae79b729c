import { parse } from "csv-parse/sync";
import { columnForHeader, REGISTRY_COLUMNS, type RegistryColumn } from "./row";

/**
 * Reading a registry CSV as a stream of records, each with the physical line it starts on.
 *
 * csv-parse decides the field syntax (delimiter, quotes, doubled quotes). Record boundaries are found
 * here first, by quote parity over physical lines, because csv-parse's own recovery after a quote
 * error keeps the quote open and swallows every following row; framing first means one broken row
 * costs one row, and every record knows its first physical line. Framed records are parsed in chunks
 * by csv-parse (fast); a chunk that fails is parsed again record by record to name the bad ones.
 */

/** A Node stream, a web stream (File.stream()), any (async) iterable of chunks, or the whole text. */
export type RegistryCsvInput =
  | AsyncIterable<Uint8Array | string>
  | Iterable<Uint8Array | string>
  | NodeJS.ReadableStream
  | ReadableStream<Uint8Array>
  | string;

export type CsvEvent =
  | { kind: "header"; line: number; delimiter: string; columns: (RegistryColumn | null)[] }
  | { kind: "record"; line: number; values: Partial<Record<RegistryColumn, string>> }
  | { kind: "error"; line: number; messageKey: string; value?: string; fatal?: boolean };

/** A quoted record longer than this is taken for an unterminated quote (a valid row is < 400 chars). */
const MAX_RECORD_CHARS = 4096;
const PARSE_CHUNK = 500;

export async function* chunksOf(input: RegistryCsvInput): AsyncGenerator<Uint8Array | string> {
  if (typeof input === "string") {
    yield input;
    return;
  }
  if (typeof (input as ReadableStream<Uint8Array>).getReader === "function") {
    const reader = (input as ReadableStream<Uint8Array>).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  for await (const chunk of input as AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>) yield chunk;
}

/** Physical lines, decoded as UTF-8 (a leading BOM dropped), without their line ending. */
export async function* physicalLines(input: RegistryCsvInput): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8");
  let rest = "";
  for await (const chunk of chunksOf(input)) {
    rest += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let nl = rest.indexOf("\n"); nl !== -1; nl = rest.indexOf("\n", start)) {
      yield rest.slice(start, nl).replace(/\r$/, "");
      start = nl + 1;
    }
    rest = rest.slice(start);
  }
  rest += decoder.decode();
  if (rest.length > 0) yield rest.replace(/\r$/, "");
}

function quoteCount(s: string): number {
  let n = 0;
  for (let i = s.indexOf('"'); i !== -1; i = s.indexOf('"', i + 1)) n++;
  return n;
}

type Framed = { kind: "text"; line: number; text: string } | { kind: "unclosed"; line: number; text: string };

/**
 * Groups physical lines into records: a record goes on while it holds an odd number of quotes.
 * When the quote is still open at the end of the file or after MAX_RECORD_CHARS, or the lines it
 * gathered do not parse (`parses`), the first line alone is reported as broken and reading resumes
 * on the line after it: a stray quote is far more common than a name with a line break in it.
 */
export async function* frameRecords(lines: AsyncIterable<string>, parses: (text: string) => boolean = () => true): AsyncGenerator<Framed> {
  const iterator = lines[Symbol.asyncIterator]();
  const replay: { no: number; text: string }[] = [];
  let lineNo = 0;
  let pending: { no: number; text: string }[] = [];
  let pendingChars = 0;
  let open = false;

  const next = async (): Promise<{ no: number; text: string } | null> => {
    if (replay.length > 0) return replay.shift()!;
    const r = await iterator.next();
    if (r.done) return null;
    return { no: ++lineNo, text: r.value };
  };

  for (;;) {
    const line = await next();
    if (line === null) {
      if (pending.length === 0) return;
      yield { kind: "unclosed", line: pending[0].no, text: pending[0].text };
      replay.push(...pending.slice(1));
      pending = [];
      open = false;
      continue;
    }
    if (pending.length === 0) {
      if (line.text.trim() === "") continue;
      if (quoteCount(line.text) % 2 === 0) {
        yield { kind: "text", line: line.no, text: line.text };
        continue;
      }
      pending = [line];
      pendingChars = line.text.length;
      open = true;
      continue;
    }
    pending.push(line);
    pendingChars += line.text.length + 1;
    if (quoteCount(line.text) % 2 === 1) open = !open;
    if (!open) {
      const text = pending.map((l) => l.text).join("\n");
      if (parses(text)) yield { kind: "text", line: pending[0].no, text };
      else {
        yield { kind: "unclosed", line: pending[0].no, text: pending[0].text };
        replay.unshift(...pending.slice(1));
      }
      pending = [];
      continue;
    }
    if (pendingChars > MAX_RECORD_CHARS) {
      yield { kind: "unclosed", line: pending[0].no, text: pending[0].text };
      replay.unshift(...pending.slice(1));
      pending = [];
      open = false;
    }
  }
}

/** The most frequent of `;`, `,` and tab in the header line (all three occur in exports). */
export function detectDelimiter(headerLine: string): string {
  let best = ",";
  let bestCount = 0;
  for (const d of [",", ";", "\t"]) {
    const count = headerLine.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

function csvErrorKey(e: unknown): string {
  const code = (e as { code?: string }).code ?? "";
  if (code === "CSV_QUOTE_NOT_CLOSED") return "registry.csv.unclosed_quote";
  return /QUOTE/.test(code) ? "registry.csv.quote" : "registry.csv.malformed";
}

function parseOne(text: string, delimiter: string): string[] | { error: string } {
  try {
    const records = parse(text, { delimiter, record_delimiter: "\n", relax_column_count: true }) as string[][];
    if (records.length !== 1) return { error: "registry.csv.malformed" };
    return records[0];
  } catch (e) {
    return { error: csvErrorKey(e) };
  }
}

function parseChunk(texts: string[], delimiter: string): (string[] | { error: string })[] {
  try {
    const records = parse(texts.join("\n"), { delimiter, record_delimiter: "\n", relax_column_count: true }) as string[][];
    if (records.length === texts.length) return records;
  } catch {
    // fall through: find the bad records one by one
  }
  return texts.map((t) => parseOne(t, delimiter));
}

function clip(value: string): string {
  return value.length > 100 ? `${value.slice(0, 100)}…` : value;
}

/**
 * The registry file as events in line order: first the header (or a fatal error when it lacks a
 * required column), then one event per non-blank record: its values by column, or what is wrong.
 */
export async function* readRegistryCsv(input: RegistryCsvInput): AsyncGenerator<CsvEvent> {
  let header: { delimiter: string; columns: (RegistryColumn | null)[] } | null = null;
  let chunk: Framed[] = [];

  function* flush(): Generator<CsvEvent> {
    if (!header || chunk.length === 0) return;
    const { delimiter, columns } = header;
    const texts = chunk.filter((f) => f.kind === "text").map((f) => f.text);
    const parsed = parseChunk(texts, delimiter);
    let p = 0;
    for (const framed of chunk) {
      if (framed.kind === "unclosed") {
        // Named by how its own line fails: a quote never closed, or a stray quote inside a field.
        const alone = parseOne(framed.text, delimiter);
        const messageKey = Array.isArray(alone) ? "registry.csv.unclosed_quote" : alone.error;
        yield { kind: "error", line: framed.line, messageKey, value: clip(framed.text) };
        continue;
      }
      const fields = parsed[p++];
      if (!Array.isArray(fields)) {
        yield { kind: "error", line: framed.line, messageKey: fields.error, value: clip(framed.text) };
        continue;
      }
      if (fields.every((f) => f.trim() === "")) continue; // a row of bare delimiters, as spreadsheets leave
      const extra = fields.slice(columns.length);
      if (fields.length < columns.length || extra.some((f) => f.trim() !== "")) {
        yield { kind: "error", line: framed.line, messageKey: "registry.csv.column_count", value: String(fields.length) };
        continue;
      }
      const values: Partial<Record<RegistryColumn, string>> = {};
      columns.forEach((column, i) => {
        if (column) values[column] = fields[i];
      });
      if (Object.values(values).some((v) => v?.includes("\uFFFD"))) {
        yield { kind: "error", line: framed.line, messageKey: "registry.csv.encoding", value: clip(framed.text) };
        continue;
      }
      yield { kind: "record", line: framed.line, values };
    }
    chunk = [];
  }

  const parses = (text: string) => !header || Array.isArray(parseOne(text, header.delimiter));
  for await (const framed of frameRecords(physicalLines(input), parses)) {
    if (header) {
      chunk.push(framed);
      if (chunk.length >= PARSE_CHUNK) yield* flush();
      continue;
    }
    const delimiter = detectDelimiter(framed.text);
    const names = framed.kind === "text" ? parseOne(framed.text, delimiter) : { error: "registry.csv.unclosed_quote" };
    if (!Array.isArray(names)) {
      yield { kind: "error", line: framed.line, messageKey: "registry.csv.header_missing", value: clip(framed.text), fatal: true };
      return;
    }
    const columns = names.map((n) => columnForHeader(n));
    const twice = REGISTRY_COLUMNS.filter((c) => columns.indexOf(c) !== columns.lastIndexOf(c));
    if (twice.length > 0) {
      yield { kind: "error", line: framed.line, messageKey: "registry.csv.header_duplicate", value: twice.join(", "), fatal: true };
      return;
    }
    const missing = REGISTRY_COLUMNS.filter((c) => !columns.includes(c));
    if (missing.length > 0) {
      yield { kind: "error", line: framed.line, messageKey: "registry.csv.header_missing", value: missing.join(", "), fatal: true };
      return;
    }
    header = { delimiter, columns };
    yield { kind: "header", line: framed.line, delimiter, columns };
  }
  if (!header) {
    yield { kind: "error", line: 1, messageKey: "registry.csv.empty", fatal: true };
    return;
  }
  yield* flush();
}
