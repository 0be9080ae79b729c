import { describe, expect, it } from "vitest";
import { documentMeta } from "../../../workflows/documents/props";
import { DEFAULT_TIME_ZONE } from "../../../workflows/clock/deadlines";
import type { IssuedDocument } from "../../../workflows/documents/types";

const issued = (payload: unknown) =>
  ({ id: "d", number: "N", issuedAt: "2026-03-05T08:07:00.000Z", contentHash: "h", reprintedAt: null, payload }) as unknown as IssuedDocument;

describe("the zone a document is printed in", () => {
  it("is its office's, kept in the payload", () => {
    expect(documentMeta(issued({ office: { code: "009", timeZone: "Asia/Tokyo" } }), { baseUrl: "https://x", languages: ["ky", "ru"] }).timeZone).toBe("Asia/Tokyo");
  });

  it("is the default for what has no office yet, or an office stored without a zone", () => {
    expect(documentMeta(issued({ office: null }), { baseUrl: "https://x", languages: ["ky", "ru"] }).timeZone).toBe(DEFAULT_TIME_ZONE);
    expect(documentMeta(issued({ office: { code: "009" } }), { baseUrl: "https://x", languages: ["ky", "ru"] }).timeZone).toBe(DEFAULT_TIME_ZONE);
  });
});
