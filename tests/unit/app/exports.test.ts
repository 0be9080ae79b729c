import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { contentDisposition, csvStream, type Sheet } from "../../../app/exports/table.server";

// Decision 066: what a downloaded table looks like to a spreadsheet and to a browser.
const sheet = (rows: Sheet["batches"]): Sheet => ({ name: "s", columns: [{ header: "Имя" }, { header: "Число" }], batches: rows });

describe("the CSV of a table", () => {
  it("defuses a text cell a spreadsheet would run as a formula, and leaves numbers alone", async () => {
    const text = await new Response(csvStream([sheet([[["=HYPERLINK(\"http://x\")", -5], ["+1", 0], ["@SUM(A1)", 1.5], ["Асанов, Б.", null]]])])).text();
    expect(parse(text, { bom: true })).toEqual([
      ["Имя", "Число"],
      ["'=HYPERLINK(\"http://x\")", "-5"],
      ["'+1", "0"],
      ["'@SUM(A1)", "1.5"],
      ["Асанов, Б.", ""],
    ]);
  });

  it("writes CRLF line ends, a byte-order mark first, and batches from an async source as they come", async () => {
    async function* batches() {
      yield [["a", 1]];
      yield [];
      yield [["b", 2]];
    }
    const bytes = new Uint8Array(await new Response(csvStream([sheet(batches())])).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe("Имя,Число\r\na,1\r\nb,2\r\n");
  });
});

describe("the Content-Disposition of a download", () => {
  it("names the file in UTF-8 for browsers and in ASCII for the rest", () => {
    expect(contentDisposition("журнал-2025-03-10.csv", "journal-2025-03-10.csv")).toBe(
      "attachment; filename=\"journal-2025-03-10.csv\"; filename*=UTF-8''%D0%B6%D1%83%D1%80%D0%BD%D0%B0%D0%BB-2025-03-10.csv",
    );
    expect(contentDisposition("a'b (1).csv", "a\"b\\ü.csv")).toBe("attachment; filename=\"a_b__.csv\"; filename*=UTF-8''a%27b%20%281%29.csv");
  });
});
