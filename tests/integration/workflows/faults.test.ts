import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "../../../db/client";
import type { StaffActor } from "../../../workflows/actor";
import {
  acceptApplication,
  approveAnnulment,
  enterAnnulment,
  grantAccess,
  presentApplication,
  proposeFictitiousAnnulment,
  refuseAccess,
  rejectAnnulment,
  returnApplication,
  submitApplication,
  type RunOptions,
} from "../../../workflows";
import { createTestDb } from "../../support/db";
import { acceptedApplication, createEvidence, createOffice, createStaff, createTaxpayer, grantedSubject, validForm } from "../../support/factories";

let h: DbHandle;
let insp: StaffActor;
let sup: StaffActor;
const T0 = new Date("2025-03-07T04:00:00Z");
const min = (n: number) => new Date(T0.getTime() + n * 60_000);

beforeAll(async () => {
  h = await createTestDb();
  await createOffice(h.db, "001");
  insp = await createStaff(h.db, "inspector", "001");
  sup = await createStaff(h.db, "supervisor", "001");
});
afterAll(() => h.close());

const TABLES = ["applications", "access_accounts", "decisions", "annulments", "fictitious_evidence", "number_sequences", "journal_entries", "journal_chains", "notices"];

/** Every row of every table the lifecycle writes, as JSON, in a stable order. */
async function dump(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of TABLES) {
    const rows = await queryRows<{ j: string }>(h.db, sql.raw(`select to_jsonb(t)::text as j from ${t} t order by 1`));
    out[t] = rows.map((r) => r.j);
  }
  return out;
}

class Crash extends Error {}

describe("a crash between the writes of a transition leaves the database exactly as before", () => {
  const cases: [string, () => Promise<(opts: RunOptions) => Promise<unknown>>][] = [
    ["submit", async () => { const inn = await createTaxpayer(h.db, "001"); return (o) => submitApplication(h.db, validForm(inn), T0, o); }],
    ["present", async () => {
      const { id } = await submitApplication(h.db, validForm(await createTaxpayer(h.db, "001")), T0);
      return (o) => presentApplication(h.db, insp, id, min(1), o);
    }],
    ["return", async () => {
      const { id } = await submitApplication(h.db, validForm(await createTaxpayer(h.db, "001")), T0);
      await presentApplication(h.db, insp, id, min(1));
      return (o) => returnApplication(h.db, insp, id, ["x"], min(2), o);
    }],
    ["accept", async () => {
      const { id } = await submitApplication(h.db, validForm(await createTaxpayer(h.db, "001")), T0);
      await presentApplication(h.db, insp, id, min(1));
      return (o) => acceptApplication(h.db, insp, id, ["form_complete", "requisites_match", "signer_identity"], min(2), o);
    }],
    ["grant (first)", async () => { const a = await acceptedApplication(h.db, insp, await createTaxpayer(h.db, "001"), T0); return (o) => grantAccess(h.db, insp, a.id, min(5), o); }],
    ["grant (restore)", async () => {
      const inn = await createTaxpayer(h.db, "001");
      await grantedSubject(h.db, insp, inn, T0);
      const r = await acceptedApplication(h.db, insp, inn, min(30), { requestKind: "restore" });
      return (o) => grantAccess(h.db, insp, r.id, min(35), o);
    }],
    ["refuse", async () => {
      const a = await acceptedApplication(h.db, insp, await createTaxpayer(h.db, "001", { status: "deregistered" }), T0);
      return (o) => refuseAccess(h.db, insp, a.id, [{ ground: "no_registration" }], min(5), o);
    }],
    ["enter annulment", async () => {
      const inn = await createTaxpayer(h.db, "001");
      await grantedSubject(h.db, insp, inn, T0);
      const a = await acceptedApplication(h.db, insp, inn, min(30), { requestKind: "annul", password: undefined, passwordConfirm: undefined });
      return (o) => enterAnnulment(h.db, insp, a.id, min(40), o);
    }],
    ["propose", async () => {
      const inn = await createTaxpayer(h.db, "001");
      await grantedSubject(h.db, insp, inn, T0);
      const ev = await createEvidence(h.db, insp, inn);
      return (o) => proposeFictitiousAnnulment(h.db, insp, inn, ev, min(30), o);
    }],
    ["approve", async () => {
      const inn = await createTaxpayer(h.db, "001");
      await grantedSubject(h.db, insp, inn, T0);
      const { annulmentId } = await proposeFictitiousAnnulment(h.db, insp, inn, await createEvidence(h.db, insp, inn), min(30));
      return (o) => approveAnnulment(h.db, sup, annulmentId, min(31), o);
    }],
    ["reject", async () => {
      const inn = await createTaxpayer(h.db, "001");
      await grantedSubject(h.db, insp, inn, T0);
      const { annulmentId } = await proposeFictitiousAnnulment(h.db, insp, inn, await createEvidence(h.db, insp, inn), min(30));
      return (o) => rejectAnnulment(h.db, sup, annulmentId, "wrong INN", min(31), o);
    }],
  ];

  const oneStatement = new Set(["grant (first)", "grant (restore)", "refuse"]);
  for (const [name, prepare] of cases) {
    it(`${name}: a fault at each seam rolls back every write; without a fault the event goes through`, async () => {
      let crashedAt = 0;
      for (let k = 1; ; k++) {
        const action = await prepare();
        const before = await dump();
        let calls = 0;
        const outcome = await action({
          between: () => {
            calls++;
            if (calls === k) throw new Crash(`seam ${k}`);
          },
        }).then(
          () => "done" as const,
          (e) => (e instanceof Crash ? ("crashed" as const) : e),
        );
        if (outcome === "crashed") {
          expect(await dump()).toEqual(before);
          crashedAt = k;
          continue;
        }
        expect(outcome).toBe("done"); // every seam passed: the event commits and changes the database
        expect(await dump()).not.toEqual(before);
        break;
      }
      // A grant or a refusal writes the account, the application, the decision and the journal in
      // one statement: there is no seam to crash at. Every other event has at least one.
      if (oneStatement.has(name)) expect(crashedAt).toBe(0);
      else expect(crashedAt).toBeGreaterThanOrEqual(1);
    });
  }
});
