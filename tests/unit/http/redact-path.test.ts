import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { errorForLog, redactPath } from "../../../app/utils/log.server";
import { CODE_ALPHABET, formatCode, generateCode } from "../../../workflows/application/code";

describe("the request log's paths hold no INN and no application code", () => {
  it("an INN in a path becomes [inn]", () => {
    expect(redactPath("/desk/subjects/21505199000011")).toBe("/desk/subjects/[inn]");
    expect(redactPath("/desk/subjects/21505199000011/journal.pdf")).toBe("/desk/subjects/[inn]/journal.pdf");
  });

  it("a code, formatted or not, in any case, becomes [code]", () => {
    expect(redactPath("/x/ABCD-EFGH-2K")).toBe("/x/[code]");
    expect(redactPath("/x/abcd-efgh-2k/y")).toBe("/x/[code]/y");
    expect(redactPath("/x/ABCDEFGH2K")).toBe("/x/[code]");
  });

  it("every generated INN and code is redacted wherever it sits; ids and words are left alone", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{14}$/), fc.constantFrom("/a/", "/", "/a/b-", "/a?x="), fc.constantFrom("", "/b", ".pdf"), (inn, before, after) => {
        expect(redactPath(before + inn + after)).not.toContain(inn);
      }),
    );
    for (let i = 0; i < 2000; i++) {
      const code = generateCode();
      const shown = formatCode(code);
      for (const form of [code, shown, shown.toLowerCase()]) expect(redactPath(`/p/${form}/q`)).toBe("/p/[code]/q");
    }
    expect(CODE_ALPHABET).toHaveLength(31);
    for (const kept of ["/desk/applications/6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b", "/desk/board", "/admin/api-clients", "/status.journal.pdf", "/apply/print"]) {
      expect(redactPath(kept)).toBe(kept);
    }
  });
});

describe("errors in the log hold no INN", () => {
  it("a failed query's parameters and any INN or code in its text are redacted; the rest is kept", () => {
    const cause = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const error = Object.assign(new Error("Failed query: select 1 where inn = $1\nparams: 21505199000011,kb-abcdefgh"), {
      cause,
      params: ["21505199000011"],
      query: "select 1 where inn = $1 -- /desk/subjects/21505199000011",
    });
    const logged = JSON.stringify(errorForLog(error));
    expect(logged).not.toContain("21505199000011");
    expect(logged).not.toContain("kb-abcdefgh");
    expect(logged).toContain("ECONNREFUSED");
    expect(logged).toContain("Failed query: select 1 where inn = $1");
  });
});
