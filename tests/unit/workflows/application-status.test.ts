import { describe, expect, it } from "vitest";
import { APPLICATION_STATUSES, type ApplicationStatus } from "../../../db/schema";
import { applicationMachine, type ApplicationState } from "../../../workflows/application/machine";

// The column's type and CHECK constraint come from db/schema's list; the machine is the authority on
// its states. Either one changed alone fails here: the typecheck on the line below, this test at run time.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameStates: Same<ApplicationState, ApplicationStatus> = true;

describe("application status column: exactly the machine's states", () => {
  it("lists every state of the machine and nothing else", () => {
    expect(sameStates).toBe(true);
    expect([...APPLICATION_STATUSES].sort()).toEqual(Object.keys(applicationMachine.states).sort());
  });

  it("names each state once", () => {
    expect(new Set(APPLICATION_STATUSES).size).toBe(APPLICATION_STATUSES.length);
  });
});
