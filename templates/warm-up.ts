import { renderDocument } from "./render";
import type { DecisionGrantProps } from "./types";

/**
 * A specimen decision, printed and thrown away when the server starts: the first document of
 * a process otherwise pays for parsing the fonts and compiling the layout and PDF code (120–150 ms
 * against about 80 once warm, docs/benchmarks.md), and that first document is an applicant's.
 * Its words are placeholders; nothing of it is stored or sent.
 */
const specimen: DecisionGrantProps = {
  document: {
    id: "00000000-0000-4000-8000-000000000000",
    number: "0000-DG-2026-000000",
    issuedAt: "2026-01-01T00:00:00.000Z",
    contentHash: "0".repeat(64),
    baseUrl: "http://localhost",
    timeZone: "Asia/Bishkek",
    languages: ["ky", "ru"],
  },
  office: { code: "0000", name: "Үлгү · Образец", address: "—", headName: "Үлгү Образец", timeZone: "Asia/Bishkek" },
  subject: { inn: "00000000000000", name: "Үлгү Образец", type: "individual" },
  requestKind: "grant",
  effect: "first_grant",
  application: { incomingNumber: "0000-IN-2026-000000", acceptedAt: "2026-01-01T00:00:00.000Z", code: "AAAA-AAAA-AAAA" },
  decidedAt: "2026-01-01T00:00:00.000Z",
  login: "kb-00000000",
  inspector: { fullName: "Үлгү Образец", rank: "inspector" },
};

/**
 * Renders the specimen ten times: V8 optimises the layout and PDF code only after it has run a few
 * times. Measured, the next decision took 196 ms after one render, 162 after five and 81 (the warm
 * figure) after ten, which take about 1.6 s of one core in the background.
 */
export async function warmUpRenderer(): Promise<void> {
  for (let i = 0; i < 10; i++) await renderDocument("decision_grant", specimen);
}
