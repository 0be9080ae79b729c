import { describe, expect, it } from "vitest";
import { officeOfRequest, readInSight } from "~/utils/jurisdiction.server";
import { WorkflowError } from "../../../workflows/errors";
import type { Jurisdiction } from "../../../workflows/subject/jurisdiction";

const scope: Jurisdiction = {
  kind: "office",
  regionCode: null,
  home: "041",
  offices: [{ code: "041", name: "Office 041", timeZone: "Asia/Bishkek", regionCode: null }],
};

async function statusOf(promise: Promise<unknown>) {
  try {
    await promise;
    return "resolved";
  } catch (thrown) {
    return thrown instanceof Response ? thrown.status : thrown;
  }
}

describe("an office out of sight answers 403 (decisions 067, 074)", () => {
  it("from the page's own check", () => {
    expect(officeOfRequest(scope, null).code).toBe("041");
    expect(() => officeOfRequest(scope, "042")).toThrow(expect.objectContaining({ status: 403 }));
  });

  it("from a read that checks again, when the jurisdiction narrowed in between", async () => {
    expect(await statusOf(readInSight(Promise.reject(new WorkflowError("forbidden", "forbidden"))))).toBe(403);
    expect(await readInSight(Promise.resolve("figures"))).toBe("figures");
    // Anything else is not a refusal of sight: it goes on to the error boundary as it was.
    const other = new WorkflowError("validation", "stats.bad_period");
    expect(await statusOf(readInSight(Promise.reject(other)))).toBe(other);
  });
});
