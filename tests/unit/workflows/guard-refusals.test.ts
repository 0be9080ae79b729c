import { describe, expect, it } from "vitest";
import { accountMachine } from "../../../workflows/account/machine";
import { accountRefusals } from "../../../workflows/account/refusals";
import { applicationMachine, type ApplicationEvent } from "../../../workflows/application/machine";
import { applicationRefusals } from "../../../workflows/application/refusals";
import { applyApplicationEvent } from "../../../workflows/lifecycle/runner";
import { initialTransition, transition } from "xstate";

/** Every guard carries its message: a guard added without one fails here, not in front of an inspector. */
describe("guards carry their messages", () => {
  it.each([
    ["application", Object.keys(applicationMachine.implementations.guards), applicationRefusals],
    ["account", Object.keys(accountMachine.implementations.guards), accountRefusals],
  ] as const)("%s machine", (_, guards, refusals) => {
    expect(Object.keys(refusals).sort()).toEqual([...guards].sort());
  });

  it("an incomplete checklist is refused with the missing items named", () => {
    const at = "2026-03-05T08:00:00.000Z";
    const [draft] = initialTransition(applicationMachine, { kind: "grant", inn: "21505199000011", code: "X", savedAt: at, expiresAt: "2026-04-05T08:00:00.000Z" });
    const [presented] = transition(applicationMachine, draft, { type: "PRESENT", at, by: "i", officeCode: "002" });
    const stored = applicationMachine.getPersistedSnapshot(presented);
    const event: ApplicationEvent = { type: "ACCEPT", at, by: "i", incomingNumber: "", ticked: ["form_complete"], required: ["form_complete", "signer_identity"], entryDueAt: null };
    expect(() => applyApplicationEvent(stored, event)).toThrowError(expect.objectContaining({ code: "validation", messageKey: "checklist.incomplete", details: expect.objectContaining({ missing: ["signer_identity"] }) }));
  });
});
