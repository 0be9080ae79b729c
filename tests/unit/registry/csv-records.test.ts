import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readRegistryCsv, type CsvEvent } from "../../../workflows/registry/csv-records";

async function events(input: Parameters<typeof readRegistryCsv>[0]) {
  const out: CsvEvent[] = [];
  for await (const e of readRegistryCsv(input)) out.push(e);
  return out;
}
const summary = (evs: CsvEvent[]) => evs.map((e) => (e.kind === "error" ? `${e.line}:${e.messageKey}` : e.kind === "record" ? `${e.line}:${e.values.inn}` : `${e.line}:header`));
const HEADER = "inn,name,subject_type,office_code,registration_status";

describe("reading the registry CSV", () => {
  it("gives each record the physical line it starts on, across blank lines, CRLF and quoted line breaks", async () => {
    const csv = `${HEADER}\r\n\r\n1,"a\r\nb",individual,002,registered\r\n2,b,individual,002,registered\r\n,,,,\r\n3,"c ""q""",individual,002,registered`;
    const evs = await events(csv);
    expect(summary(evs)).toEqual(["1:header", "3:1", "5:2", "7:3"]);
    expect(evs[1]).toMatchObject({ values: { name: "a\nb" } });
    expect(evs[3]).toMatchObject({ values: { name: 'c "q"' } });
  });

  it("decodes UTF-8 split across chunks and drops the BOM; finds ';' as the delimiter", async () => {
    const bytes = new TextEncoder().encode(`\uFEFFинн;наименование;тип субъекта;код органа;статус\n0;ОсОО «Көк-Жар»;legal_entity;008;registered\n`);
    const chunks = Array.from(bytes, (b) => new Uint8Array([b]));
    const evs = await events(chunks);
    expect(evs[0]).toMatchObject({ kind: "header", delimiter: ";" });
    expect(evs[1]).toMatchObject({ kind: "record", line: 2, values: { inn: "0", name: "ОсОО «Көк-Жар»", office_code: "008" } });
  });

  it("reads a web ReadableStream (File.stream()) as well", async () => {
    const stream = new Blob([`${HEADER}\n1,a,individual,002,registered\n`]).stream();
    expect(summary(await events(stream))).toEqual(["1:header", "2:1"]);
  });

  it("reports a stray or unclosed quote at its line and reads on from the next line", async () => {
    const csv = [HEADER, `1,"a"b,individual,002,registered`, `2,"open,individual,002,registered`, `3,ok,individual,002,registered`, `4,"x",individual,002,registered`].join("\n");
    expect(summary(await events(csv))).toEqual(["1:header", "2:registry.csv.quote", "3:registry.csv.unclosed_quote", "4:3", "5:4"]);
  });

  it("stops at a header without the required columns, and flags text that is not UTF-8", async () => {
    expect(summary(await events("inn;name\n1;a\n"))).toEqual(["1:registry.csv.header_missing"]);
    expect(summary(await events(`${HEADER},inn\n`))).toEqual(["1:registry.csv.header_duplicate"]);
    const cp1251 = Buffer.concat([Buffer.from(`${HEADER}\n1,`), Buffer.from([0xc0, 0xf1, 0xe0, 0xed]), Buffer.from(",individual,002,registered\n")]);
    expect(summary(await events([cp1251]))).toEqual(["1:header", "2:registry.csv.encoding"]);
  });

  it("never throws and accounts for every non-blank line (property)", async () => {
    const line = fc.oneof(
      fc.constant(`1,a,individual,002,registered`),
      fc.constant(`2,"a, b",individual,002,registered`),
      fc.constant(`3,"a`),
      fc.constant(`4,a"b,individual`),
      fc.constant(`b",x,y,z,w`),
      fc.constant(""),
      fc.string({ maxLength: 30 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 30 }), async (lines) => {
        const evs = await events([HEADER, ...lines].join("\n"));
        const dataLines = evs.filter((e) => e.kind !== "header").map((e) => e.line);
        // Strictly increasing lines, all within the file.
        for (let i = 1; i < dataLines.length; i++) expect(dataLines[i]).toBeGreaterThan(dataLines[i - 1]);
        for (const l of dataLines) expect(l).toBeGreaterThanOrEqual(2);
        for (const l of dataLines) expect(l).toBeLessThanOrEqual(lines.length + 1);
      }),
      { numRuns: 300 },
    );
  });
});
