import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../db/client";
import type { StaffActor } from "../../../workflows/actor";
import {
  enterAnnulment,
  proposeFictitiousAnnulment,
  grantAccess,
  presentApplication,
  refuseAccess,
  returnApplication,
  submitApplication,
  sweepDeadlines,
} from "../../../workflows";
import { accessFact, accountByInn } from "../../../workflows/account/access";
import { selfLockAccount } from "../../../workflows/account/holder";
import { deskView } from "../../../workflows/application/desk-view";
import { DESK_STEPS, STEP_EVENT, type DeskStep } from "../../../workflows/application/steps";
import { applicationMachine } from "../../../workflows/application/machine";
import { restoreSnapshot } from "../../../workflows/lifecycle/runner";
import { applications } from "../../../db/schema";
import { eq } from "drizzle-orm";
import { accessAccounts } from "../../../db/schema";
import { approveAnnulment, pendingApprovals, subjectCard } from "../../../workflows";
import { accountMachine } from "../../../workflows/account/machine";
import { ACCOUNT_STEPS, ACCOUNT_STEP_EVENT, type AccountStep } from "../../../workflows/account/steps";
import { createTestDb } from "../../support/db";
import { acceptedApplication, createEvidence, createOffice, createStaff, createTaxpayer, grantedSubject, PASSWORD, validForm } from "../../support/factories";

/**
 * The steps the front-desk page offers, for every state of the application machine and every kind
 * of application: exactly what the regulation allows (the table below, written from R3–R20), and
 * exactly what the machine's can() answers for the stored snapshot — no hidden allowed step, no
 * offered refused one.
 */
let h: DbHandle;
let insp: StaffActor;
const T0 = new Date("2025-03-07T04:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const ANNUL = { requestKind: "annul" as const, password: undefined, passwordConfirm: undefined };

beforeAll(async () => {
  h = await createTestDb();
  await createOffice(h.db, "001");
  insp = await createStaff(h.db, "inspector", "001");
});
afterAll(() => h.close());

type Case = { name: string; state: string; make: () => Promise<string>; now: Date; expected: DeskStep[] };

const registered = () => createTaxpayer(h.db, "001");
const deregistered = () => createTaxpayer(h.db, "001", { status: "deregistered" });

const CASES: Case[] = [
  { name: "draft", state: "draft", make: async () => (await submitApplication(h.db, validForm(await registered()), T0)).id, now: at(1), expected: ["present"] },
  // Past its lifetime but not yet swept: the machine refuses PRESENT, so the page must not offer it.
  { name: "draft past its expiry", state: "draft", make: async () => (await submitApplication(h.db, validForm(await registered()), T0)).id, now: at(60 * 24 * 31), expected: [] },
  {
    name: "presented",
    state: "presented",
    make: async () => {
      const { id } = await submitApplication(h.db, validForm(await registered()), T0);
      await presentApplication(h.db, insp, id, at(1));
      return id;
    },
    now: at(2),
    expected: ["accept", "return"],
  },
  {
    name: "returned",
    state: "returned",
    make: async () => {
      const { id } = await submitApplication(h.db, validForm(await registered()), T0);
      await presentApplication(h.db, insp, id, at(1));
      await returnApplication(h.db, insp, id, ["Нет доверенности"], at(2));
      return id;
    },
    now: at(3),
    expected: ["present"],
  },
  { name: "accepted grant, no ground", state: "accepted", make: async () => (await acceptedApplication(h.db, insp, await registered(), T0)).id, now: at(3), expected: ["grant"] },
  { name: "accepted grant, ground (a)", state: "accepted", make: async () => (await acceptedApplication(h.db, insp, await deregistered(), T0)).id, now: at(3), expected: ["refuse"] },
  { name: "accepted restore, no ground", state: "accepted", make: async () => (await acceptedApplication(h.db, insp, await registered(), T0, { requestKind: "restore" })).id, now: at(3), expected: ["grant"] },
  {
    name: "accepted annulment",
    state: "accepted",
    make: async () => {
      const inn = await registered();
      await grantedSubject(h.db, insp, inn, T0);
      return (await acceptedApplication(h.db, insp, inn, at(10), ANNUL)).id;
    },
    now: at(13),
    expected: ["enter"],
  },
  {
    name: "presented annulment",
    state: "presented",
    make: async () => {
      const inn = await registered();
      await grantedSubject(h.db, insp, inn, T0);
      const { id } = await submitApplication(h.db, validForm(inn, ANNUL), at(10));
      await presentApplication(h.db, insp, id, at(11));
      return id;
    },
    now: at(12),
    expected: ["accept", "return"],
  },
  {
    name: "granted",
    state: "granted",
    make: async () => {
      const { id } = await acceptedApplication(h.db, insp, await registered(), T0);
      await grantAccess(h.db, insp, id, at(3));
      return id;
    },
    now: at(4),
    expected: [],
  },
  {
    name: "refused",
    state: "refused",
    make: async () => {
      const { id } = await acceptedApplication(h.db, insp, await deregistered(), T0);
      await refuseAccess(h.db, insp, id, [{ ground: "no_registration" }], at(3));
      return id;
    },
    now: at(4),
    expected: [],
  },
  {
    name: "entered",
    state: "entered",
    make: async () => {
      const inn = await registered();
      await grantedSubject(h.db, insp, inn, T0);
      const { id } = await acceptedApplication(h.db, insp, inn, at(10), ANNUL);
      await enterAnnulment(h.db, insp, id, at(13));
      return id;
    },
    now: at(14),
    expected: [],
  },
  {
    name: "presented annulment of a subject who never had access",
    state: "presented",
    make: async () => {
      const { id } = await submitApplication(h.db, validForm(await registered(), ANNUL), at(10));
      await presentApplication(h.db, insp, id, at(11));
      return id;
    },
    now: at(12),
    expected: ["return"],
  },
  {
    name: "accepted annulment, access suspended until a supervisor decides",
    state: "accepted",
    make: async () => {
      const inn = await registered();
      await grantedSubject(h.db, insp, inn, T0);
      const { id } = await acceptedApplication(h.db, insp, inn, at(10), ANNUL);
      await proposeFictitiousAnnulment(h.db, insp, inn, await createEvidence(h.db, insp, inn), at(12));
      return id;
    },
    now: at(13),
    expected: [],
  },
  {
    name: "accepted annulment, access annulled since",
    state: "accepted",
    make: async () => {
      const inn = await registered();
      await grantedSubject(h.db, insp, inn, T0);
      const first = await acceptedApplication(h.db, insp, inn, at(10), ANNUL);
      const second = await acceptedApplication(h.db, insp, inn, at(11), ANNUL);
      await enterAnnulment(h.db, insp, first.id, at(13));
      return second.id;
    },
    now: at(14),
    expected: ["enter"],
  },
  {
    name: "already annulled",
    state: "already_annulled",
    make: async () => {
      const inn = await registered();
      await grantedSubject(h.db, insp, inn, T0);
      const first = await acceptedApplication(h.db, insp, inn, at(10), ANNUL);
      const second = await acceptedApplication(h.db, insp, inn, at(11), ANNUL);
      await enterAnnulment(h.db, insp, first.id, at(13));
      await enterAnnulment(h.db, insp, second.id, at(14));
      return second.id;
    },
    now: at(15),
    expected: [],
  },
  {
    name: "expired",
    state: "expired",
    make: async () => {
      const { id } = await submitApplication(h.db, validForm(await registered()), at(-60 * 24 * 40));
      await sweepDeadlines(h.db, at(0));
      return id;
    },
    now: at(1),
    expected: [],
  },
];

describe("the desk page offers exactly the steps the machine allows", () => {
  it.each(CASES)("$name", async ({ state, make, now, expected }) => {
    const id = await make();
    const view = await deskView(h.db, insp, id, now);
    if (!view || view.forbidden) throw new Error("the inspector's own office must see the application");
    expect(view.app.status).toBe(state);
    expect(view.steps).toEqual(expected);
    // And what the machine itself answers for the stored snapshot, step by step.
    const [row] = await h.db.select({ snapshot: applications.snapshot }).from(applications).where(eq(applications.id, id));
    const snapshot = restoreSnapshot(applicationMachine, row.snapshot);
    const access = view.app.requestKind === "annul" ? accessFact(await accountByInn(h.db, view.app.inn, false)) : undefined;
    const facts = { at: now, by: insp.id, officeCode: "001", required: view.required, found: view.checks.grounds, access };
    expect(DESK_STEPS.filter((step) => snapshot.can(STEP_EVENT[step](facts)))).toEqual(view.steps);
  });

  it("covers every state of the machine", () => {
    expect([...new Set(CASES.map((c) => c.state))].sort()).toEqual(Object.keys(applicationMachine.states).sort());
  });
});

describe("the subject card and the approvals page offer exactly the steps the account machine allows (R21)", () => {
  type AccountCase = { name: string; state: string; who: () => StaffActor; make: () => Promise<string>; expected: AccountStep[] };
  let sup1: StaffActor;
  let sup2: StaffActor;
  beforeAll(async () => {
    sup1 = await createStaff(h.db, "supervisor", "001");
    sup2 = await createStaff(h.db, "supervisor", "001");
  });
  const granted = async () => {
    const inn = await registered();
    await grantedSubject(h.db, insp, inn, T0);
    return inn;
  };
  const proposed = async () => {
    const inn = await granted();
    await proposeFictitiousAnnulment(h.db, sup1, inn, await createEvidence(h.db, insp, inn), at(10));
    return inn;
  };
  const CASES: AccountCase[] = [
    { name: "active, no evidence", state: "active", who: () => insp, make: granted, expected: [] },
    {
      name: "active, evidence recorded",
      state: "active",
      who: () => insp,
      make: async () => {
        const inn = await granted();
        await createEvidence(h.db, insp, inn);
        return inn;
      },
      expected: ["propose"],
    },
    { name: "suspended, seen by the proposer", state: "suspended", who: () => sup1, make: proposed, expected: [] },
    { name: "suspended, seen by an inspector", state: "suspended", who: () => insp, make: proposed, expected: [] },
    { name: "suspended, seen by another supervisor", state: "suspended", who: () => sup2, make: proposed, expected: ["approve", "reject"] },
    {
      // Decision 060: access is off already; the office restores or annuls it on an application, nothing to propose.
      name: "locked by its holder, evidence recorded",
      state: "locked",
      who: () => insp,
      make: async () => {
        const inn = await granted();
        const [{ login }] = await h.db.select({ login: accessAccounts.login }).from(accessAccounts).where(eq(accessAccounts.inn, inn));
        await selfLockAccount(h.db, { type: "api", clientId: "cabinet" }, { login, password: PASSWORD }, at(5));
        await createEvidence(h.db, insp, inn);
        return inn;
      },
      expected: [],
    },
    {
      name: "annulled",
      state: "annulled",
      who: () => sup2,
      make: async () => {
        const inn = await proposed();
        const [p] = (await pendingApprovals(h.db, sup2, at(11))).filter((x) => x.inn === inn);
        await approveAnnulment(h.db, sup2, p.annulmentId, at(12));
        await createEvidence(h.db, insp, inn);
        return inn;
      },
      expected: [],
    },
  ];

  it.each(CASES)("$name", async ({ state, who, make, expected }) => {
    const inn = await make();
    const actor = who();
    const now = at(20);
    const card = await subjectCard(h.db, actor, inn, now);
    const approvals = (await pendingApprovals(h.db, actor, now)).filter((p) => p.inn === inn);
    const offered = [...card.steps, ...approvals.flatMap((p) => p.steps)];
    expect(offered).toEqual(expected);
    const [account] = await h.db.select().from(accessAccounts).where(eq(accessAccounts.inn, inn));
    expect(account.status).toBe(state);
    const snapshot = restoreSnapshot(accountMachine, account.snapshot);
    const facts = { at: now, by: actor.id, role: actor.role, evidenceIds: card.evidence.map((e) => e.id) };
    expect(ACCOUNT_STEPS.filter((step) => snapshot.can(ACCOUNT_STEP_EVENT[step](facts)))).toEqual(offered);
  });

  it("covers every state of the machine", () => {
    expect([...new Set(CASES.map((c) => c.state))].sort()).toEqual(Object.keys(accountMachine.states).sort());
  });
});
