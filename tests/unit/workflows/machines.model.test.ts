import { describe, expect, it } from "vitest";
import { assign, getInitialSnapshot, initialTransition, setup, transition, type AnyStateMachine } from "xstate";
import { firstSnapshot, nextSnapshot } from "../../../workflows/lifecycle/machine-step";
import { createTestModel, getShortestPaths, getSimplePaths, toDirectedGraph, type DirectedGraphNode } from "xstate/graph";
import { accountMachine, type AccountEvent } from "../../../workflows/account/machine";
import { applicationMachine, type ApplicationEvent, type RequestKind } from "../../../workflows/application/machine";

const T0 = "2025-03-07T09:00:00.000Z";
const at = (min: number) => new Date(Date.parse(T0) + min * 60_000).toISOString();
const EXPIRES = at(30 * 24 * 60);
const found = [{ ground: "no_registration" as const }];

/** Every event the model may try, including the ones whose guard must refuse. */
const applicationEvents: ApplicationEvent[] = [
  { type: "PRESENT", at: at(1), by: "insp", officeCode: "001" },
  { type: "PRESENT", at: at(31 * 24 * 60), by: "insp", officeCode: "001" }, // after expiry: refused
  { type: "RETURN", at: at(5), by: "insp", reasons: [], expiresAt: EXPIRES }, // no reason: refused
  { type: "RETURN", at: at(5), by: "insp", reasons: ["signature missing"], expiresAt: EXPIRES },
  { type: "ACCEPT", at: at(6), by: "insp", incomingNumber: "001/2025/000001", ticked: ["form_complete"], required: ["form_complete", "signer_identity"], entryDueAt: null },
  { type: "ACCEPT", at: at(6), by: "insp", incomingNumber: "001/2025/000001", ticked: ["form_complete", "signer_identity"], required: ["form_complete", "signer_identity"], entryDueAt: null, access: { status: "active" } },
  // No access was ever granted: nothing to annul (refused for an annulment, irrelevant to a grant).
  { type: "ACCEPT", at: at(6), by: "insp", incomingNumber: "001/2025/000001", ticked: ["form_complete", "signer_identity"], required: ["form_complete", "signer_identity"], entryDueAt: null, access: { status: "none" } },
  { type: "GRANT", at: at(10), by: "insp", found },
  { type: "GRANT", at: at(10), by: "insp", found: [] },
  { type: "REFUSE", at: at(10), by: "insp", grounds: [], found },
  { type: "REFUSE", at: at(10), by: "insp", grounds: found, found },
  { type: "REFUSE", at: at(10), by: "insp", grounds: found, found: [] }, // ground not found: refused
  { type: "ENTER", at: at(12), by: "insp", access: { status: "active" }, noticeNumber: "001-AN-2025-000001" },
  { type: "ENTER", at: at(12), by: "insp", access: { status: "annulled", at: at(11), for: "on_request" }, noticeNumber: "001-AN-2025-000001" },
  { type: "ENTER", at: at(12), by: "insp", access: { status: "suspended" }, noticeNumber: "001-AN-2025-000001" }, // awaits the supervisor: refused
  { type: "ENTER", at: at(12), by: "insp", access: { status: "none" }, noticeNumber: "001-AN-2025-000001" }, // refused
  { type: "EXPIRE", at: at(60) }, // too early: refused
  { type: "EXPIRE", at: EXPIRES },
  // Decision 055: another application of the subject at a desk, or a grant made after this one was saved: refused (a grant or restore).
  { type: "PRESENT", at: at(1), by: "insp", officeCode: "001", atDesk: { id: "other", code: "ABC", status: "presented" }, lastGrant: null },
  { type: "PRESENT", at: at(1), by: "insp", officeCode: "001", atDesk: null, lastGrant: { number: "001-DG-2025-000001", at: at(0.5) } },
  { type: "PRESENT", at: at(1), by: "insp", officeCode: "001", atDesk: null, lastGrant: { number: "001-DG-2025-000001", at: at(-60) } }, // granted before: presented
];

const accountEvents: AccountEvent[] = [
  { type: "REPLACE_PASSWORD", at: at(1), by: "insp" },
  { type: "ANNUL_ON_REQUEST", at: at(2), by: "insp" },
  { type: "PROPOSE_FICTITIOUS", at: at(3), by: "insp", evidenceId: "ev1", annulmentId: "an1" },
  { type: "APPROVE", at: at(4), by: "insp", role: "supervisor" }, // the proposer: refused
  { type: "APPROVE", at: at(4), by: "insp2", role: "inspector" }, // not a supervisor: refused
  { type: "APPROVE", at: at(4), by: "sup", role: "supervisor" },
  { type: "REJECT", at: at(4), by: "sup", role: "supervisor", reason: " " }, // no reason: refused
  { type: "REJECT", at: at(4), by: "sup", role: "supervisor", reason: "evidence concerns another INN" },
  { type: "REINSTATE", at: at(5), by: "insp" },
  { type: "REFUSE_ONLINE", at: at(6), endsAt: at(600), annulmentId: "an2" },
  { type: "END_ACCESS", at: at(60) }, // before the next office day: refused
  { type: "END_ACCESS", at: at(600) },
  // Decision 060: the holder's own lock and password change.
  { type: "SELF_LOCK", at: at(7) },
  { type: "CHANGE_PASSWORD", at: at(8) },
  // Decision 063: the grant the access rests on revoked as mistaken.
  { type: "REVOKE_GRANT", at: at(9), by: "sup2" },
];

/** All transitions the machine defines, as "source -> event -> target". */
function definedEdges(machine: AnyStateMachine): Set<string> {
  const edges = new Set<string>();
  const walk = (node: DirectedGraphNode) => {
    for (const e of node.edges) edges.add(`${e.source.key} -${e.label.text}-> ${e.target.key}`);
    node.children.forEach(walk);
  };
  walk(toDirectedGraph(machine));
  return edges;
}

const serializeState = (s: { value: unknown }) => JSON.stringify(s.value);
/** An active account with an online refusal pending is a different situation from a plain active one. */
const serializeAccount = (s: { value: unknown; context?: unknown }) =>
  JSON.stringify([s.value, Boolean((s.context as { refusal?: unknown } | undefined)?.refusal)]);

/**
 * What the paths reach: every state on a path, and from each of those snapshots every event the
 * machine accepts (`can`), so self-transitions and edges back into a visited state count too.
 */
// The snapshot and event types differ per machine; the helper only needs `value`, `can` and `transition`.
type AnySnapshot = { value: unknown; can: (e: never) => boolean };
function coverage(machine: AnyStateMachine, paths: { steps: { state: AnySnapshot; event: { type: string } }[] }[], events: { type: string }[]) {
  const states = new Set<string>();
  const edges = new Set<string>();
  for (const p of paths) {
    for (const step of p.steps) {
      const from = String(step.state.value);
      states.add(from);
      for (const e of events) {
        if (!step.state.can(e as never)) continue;
        const [next] = transition(machine, step.state as never, e as never);
        edges.add(`${from} -${e.type}-> ${String(next.value)}`);
      }
    }
  }
  return { states, edges };
}

describe("application machine, model-based (R3–R20)", () => {
  const kinds: RequestKind[] = ["grant", "annul"];
  const covered = { states: new Set<string>(), edges: new Set<string>() };
  for (const kind of kinds) {
    const input = { kind, inn: "21011199000123", code: "ABCD2345XY", savedAt: T0, expiresAt: EXPIRES };
    const model = createTestModel(applicationMachine, { input, events: applicationEvents, serializeState });
    const paths = model.getSimplePaths();
    it(`kind ${kind}: every simple path keeps the invariants in each state`, async () => {
      expect(paths.length).toBeGreaterThanOrEqual(3);
      for (const path of paths) {
        await path.test({
          states: {
            presented: (s) => {
              const c = s.context;
              if (c.kind === "annul") expect(c.decisionDueAt).toBeNull();
              else expect(Date.parse(c.decisionDueAt!) - Date.parse(c.presentedAt!)).toBe(20 * 60_000);
            },
            returned: (s) => expect(s.context.returns.at(-1)!.reasons.length).toBeGreaterThan(0),
            accepted: (s) => expect(s.context.incomingNumber).toMatch(/^001\//),
            granted: (s) => expect(s.context.kind).not.toBe("annul"),
            refused: (s) => expect(s.context.grounds.length).toBeGreaterThan(0),
            entered: (s) => {
              expect(s.context.kind).toBe("annul");
              expect(s.context.alreadyAnnulled).toBeNull();
            },
            already_annulled: (s) => {
              expect(s.context.kind).toBe("annul");
              expect(s.context.alreadyAnnulled).toEqual({ at: at(11), for: "on_request", noticeNumber: "001-AN-2025-000001" });
              expect(s.context.closedAt).toBe(at(12));
            },
            expired: (s) => expect(s.context.closedAt).toBe(EXPIRES),
          },
        });
      }
      const c = coverage(applicationMachine, paths, applicationEvents);
      c.states.forEach((x) => covered.states.add(x));
      c.edges.forEach((x) => covered.edges.add(x));
    });
  }
  it("grant and annul paths together reach every state and every transition", () => {
    expect([...covered.states].sort()).toEqual(Object.keys(applicationMachine.root.states).sort());
    expect([...covered.edges].sort()).toEqual([...definedEdges(applicationMachine)].sort());
  });
  it("shortest paths reach each state in the fewest events", () => {
    const input = { kind: "grant" as const, inn: "21011199000123", code: "ABCD2345XY", savedAt: T0, expiresAt: EXPIRES };
    const paths = getShortestPaths(applicationMachine, { input, events: applicationEvents, serializeState });
    // steps[0] is the initial step (xstate.init)
    const byTarget = Object.fromEntries(paths.map((p) => [String(p.state.value), p.steps.length - 1]));
    expect(byTarget).toMatchObject({ draft: 0, presented: 1, returned: 2, accepted: 2, granted: 3, refused: 3, expired: 1 });
    expect(byTarget.entered).toBeUndefined(); // a grant application is never "entered"
    expect(byTarget.already_annulled).toBeUndefined();
  });
  it("R4/R6: guards refuse a return without reasons, an incomplete checklist and a grant with a ground", () => {
    const input = { kind: "grant" as const, inn: "21011199000123", code: "ABCD2345XY", savedAt: T0, expiresAt: EXPIRES };
    let s = getInitialSnapshot(applicationMachine, input);
    [s] = transition(applicationMachine, s, applicationEvents[0]);
    expect(s.can(applicationEvents[2])).toBe(false);
    expect(s.can(applicationEvents[4])).toBe(false);
    [s] = transition(applicationMachine, s, applicationEvents[5]);
    expect(s.value).toBe("accepted");
    expect(s.can(applicationEvents[7])).toBe(false);
    expect(s.can(applicationEvents[11])).toBe(false);
    expect(s.can(applicationEvents[12])).toBe(false);
  });
});

describe("application machine, several applications of one subject (decision 055)", () => {
  const input = (kind: RequestKind) => ({ kind, inn: "21011199000123", code: "ABCD2345XY", savedAt: T0, expiresAt: EXPIRES });
  const [atDesk, grantedSince, grantedBefore] = applicationEvents.slice(-3);
  it("a grant or restore application is not presented while another is at a desk, nor after a later grant", () => {
    for (const kind of ["grant", "restore"] as const) {
      const s = getInitialSnapshot(applicationMachine, input(kind));
      expect(s.can(atDesk)).toBe(false);
      expect(s.can(grantedSince)).toBe(false);
      expect(s.can(grantedBefore)).toBe(true);
    }
  });
  it("an annulment application does not compete for the desk", () => {
    const s = getInitialSnapshot(applicationMachine, input("annul"));
    expect(s.can(atDesk)).toBe(true);
    expect(s.can(grantedSince)).toBe(true);
  });
});

describe("application machine, annulment facts (R18–R20, decision 047)", () => {
  const input = { kind: "annul" as const, inn: "21011199000123", code: "ABCD2345XY", savedAt: T0, expiresAt: EXPIRES };
  const accept = (status: "none" | "active" | "suspended"): Extract<ApplicationEvent, { type: "ACCEPT" }> => ({
    type: "ACCEPT",
    at: at(6),
    by: "insp",
    incomingNumber: "001/2025/000002",
    ticked: ["form_complete"],
    required: ["form_complete"],
    entryDueAt: at(3 * 24 * 60),
    access: { status },
  });
  const presented = () => transition(applicationMachine, getInitialSnapshot(applicationMachine, input), { type: "PRESENT", at: at(1), by: "insp", officeCode: "001" })[0];
  it("an annulment application is accepted only with an access to annul, whatever its state now", () => {
    const s = presented();
    expect(s.can(accept("none"))).toBe(false);
    expect(s.can({ ...accept("active"), access: undefined })).toBe(false);
    expect(s.can(accept("active"))).toBe(true);
    expect(s.can(accept("suspended"))).toBe(true);
    expect(s.can({ ...accept("active"), access: { status: "annulled", at: at(2), for: "fictitious_activity" } })).toBe(true);
  });
  it("entering annuls an active access, closes on an annulled one, waits on a suspended one", () => {
    const [s] = transition(applicationMachine, presented(), accept("active"));
    const enter = (access: Extract<ApplicationEvent, { type: "ENTER" }>["access"]) => ({ type: "ENTER" as const, at: at(30), by: "insp2", access, noticeNumber: "001-AN-2025-000007" });
    expect(s.can(enter({ status: "suspended" }))).toBe(false);
    expect(s.can(enter({ status: "none" }))).toBe(false);
    expect(transition(applicationMachine, s, enter({ status: "active" }))[0].value).toBe("entered");
    // Decision 060: an access its holder locked is annulled at the office as an active one is.
    expect(transition(applicationMachine, s, enter({ status: "locked" }))[0].value).toBe("entered");
    const [closed] = transition(applicationMachine, s, enter({ status: "annulled", at: at(20), for: "online_refusal" }));
    expect(closed.value).toBe("already_annulled");
    expect(closed.status).toBe("done");
    expect(closed.context).toMatchObject({ closedAt: at(30), closedBy: "insp2", alreadyAnnulled: { at: at(20), for: "online_refusal", noticeNumber: "001-AN-2025-000007" } });
  });
});

describe("account machine, model-based (R12–R21)", () => {
  const input = { inn: "21011199000123", login: "kb-abcdefgh", officeCode: "001", at: T0 };
  const model = createTestModel(accountMachine, { input, events: accountEvents, serializeState: serializeAccount });
  const paths = model.getSimplePaths();
  it("every simple path keeps the login and the four eyes", async () => {
    for (const path of paths) {
      await path.test({
        states: {
          active: (s) => {
            expect(s.context.proposal).toBeNull();
            expect(s.context.selfLockedAt ?? null).toBeNull();
          },
          locked: (s) => {
            expect(s.context.selfLockedAt).toBe(at(7));
            expect(s.context.proposal).toBeNull();
          },
          // After an online refusal the login is still the same and the end of access is fixed.
          suspended: (s) => expect(s.context.proposal?.by).toBe("insp"),
          annulled: (s) => {
            expect(s.context.annulledAt).not.toBeNull();
            expect(s.context.selfLockedAt ?? null).toBeNull();
          },
        },
      });
      expect(path.state.context.login).toBe("kb-abcdefgh");
    }
  });
  it("reaches every state and every transition", () => {
    const shortest = getShortestPaths(accountMachine, { input, events: accountEvents, serializeState: serializeAccount });
    const simple = getSimplePaths(accountMachine, { input, events: accountEvents, serializeState: serializeAccount });
    const c = coverage(accountMachine, [...shortest, ...simple], accountEvents);
    expect([...c.states].sort()).toEqual(["active", "annulled", "locked", "suspended"]);
    expect([...c.edges].sort()).toEqual([...definedEdges(accountMachine)].sort());
    // The holder's lock and its ways out are among them (decision 060).
    expect([...c.edges]).toEqual(
      expect.arrayContaining([
        "active -SELF_LOCK-> locked",
        "active -CHANGE_PASSWORD-> active",
        "locked -REPLACE_PASSWORD-> active",
        "locked -ANNUL_ON_REQUEST-> annulled",
        "locked -END_ACCESS-> annulled",
      ]),
    );
  });
});

describe("account machine, the holder's own lock (decision 060)", () => {
  const input = { inn: "21011199000123", login: "kb-abcdefgh", officeCode: "001", at: T0 };
  const ev = (type: AccountEvent["type"]) => accountEvents.find((e) => e.type === type)!;
  const run = (...types: AccountEvent["type"][]) =>
    types.reduce((s, type) => transition(accountMachine, s, ev(type))[0], getInitialSnapshot(accountMachine, input));
  it("a locked account is not unlocked by the holder: neither a password change nor a second lock is allowed", () => {
    const locked = run("SELF_LOCK");
    expect(locked.value).toBe("locked");
    expect(locked.can(ev("CHANGE_PASSWORD"))).toBe(false);
    expect(locked.can(ev("SELF_LOCK"))).toBe(false);
    expect(locked.can(ev("REFUSE_ONLINE"))).toBe(false);
    expect(locked.can(ev("REINSTATE"))).toBe(false);
  });
  it("only a restoration at the office lifts it, keeping the login and recording the new password", () => {
    const restored = run("SELF_LOCK", "REPLACE_PASSWORD");
    expect(restored.value).toBe("active");
    expect(restored.context).toMatchObject({ login: "kb-abcdefgh", selfLockedAt: null, passwordChangedAt: at(1) });
  });
  it("the holder changes the password only while active; a suspended account can neither lock nor change it", () => {
    const changed = run("CHANGE_PASSWORD");
    expect(changed.value).toBe("active");
    expect(changed.context.passwordChangedAt).toBe(at(8));
    const suspended = run("PROPOSE_FICTITIOUS");
    expect(suspended.value).toBe("suspended");
    expect(suspended.can(ev("SELF_LOCK"))).toBe(false);
    expect(suspended.can(ev("CHANGE_PASSWORD"))).toBe(false);
    expect(run("SELF_LOCK").can(ev("PROPOSE_FICTITIOUS"))).toBe(false);
  });
});

describe("the workflows' own step (machine-step.ts) and xstate's pure functions give the same snapshots", () => {
  const cases = [
    { machine: applicationMachine, events: applicationEvents as { type: string }[], input: { kind: "grant" as const, inn: "21011199000123", code: "ABCD2345XY", savedAt: T0, expiresAt: EXPIRES } },
    { machine: applicationMachine, events: applicationEvents as { type: string }[], input: { kind: "annul" as const, inn: "21011199000123", code: "ABCD2345XY", savedAt: T0, expiresAt: EXPIRES } },
    { machine: accountMachine, events: accountEvents as { type: string }[], input: { inn: "21011199000123", login: "kb-abcdefgh", officeCode: "001", at: T0 } },
  ] as { machine: AnyStateMachine; events: { type: string }[]; input: Record<string, unknown> }[];
  it("from every state on a path, for every event the machine accepts, and at the start", () => {
    let compared = 0;
    for (const { machine, events, input } of cases) {
      expect(machine.getPersistedSnapshot(firstSnapshot(machine, input))).toEqual(machine.getPersistedSnapshot(initialTransition(machine, input)[0]));
      for (const p of getSimplePaths(machine, { input, events: events as never, serializeState: serializeAccount })) {
        for (const step of p.steps) {
          for (const e of events) {
            if (!step.state.can(e as never)) continue;
            const ours = nextSnapshot(machine, step.state, e as never);
            expect(machine.getPersistedSnapshot(ours)).toEqual(machine.getPersistedSnapshot(transition(machine, step.state, e as never)[0]));
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  // xstate's `transition` builds an actor per call, whose constructor runs the context factory
  // without input (for our machines: a TypeError thrown and caught, 15 µs a call).
  it("runs a machine's context factory only for the snapshot it starts, not once per step", () => {
    let factoryRuns = 0;
    const counted = setup({ types: { input: {} as { n: number }, context: {} as { n: number } } }).createMachine({
      context: ({ input }) => {
        factoryRuns++;
        return { n: input.n };
      },
      initial: "a",
      states: { a: { on: { GO: { target: "b", actions: assign({ n: ({ context }) => context.n + 1 }) } } }, b: {} },
    });
    const first = firstSnapshot(counted, { n: 1 });
    const runsAfterFirst = factoryRuns;
    for (let i = 0; i < 5; i++) expect(nextSnapshot(counted, first, { type: "GO" }).context.n).toBe(2);
    firstSnapshot(counted, { n: 1 });
    expect(factoryRuns - runsAfterFirst).toBe(1);
  });

  it("refuses a machine action with an effect instead of dropping it: the services do the effects", () => {
    const effectful = setup({ actions: { send: () => {} } }).createMachine({ initial: "a", states: { a: { on: { GO: { target: "b", actions: "send" } } }, b: {} } });
    expect(() => nextSnapshot(effectful, firstSnapshot(effectful, undefined as never), { type: "GO" })).toThrow(/send has an effect/);
  });
});
