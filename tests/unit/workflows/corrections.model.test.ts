import { describe, expect, it } from "vitest";
import { getInitialSnapshot, transition } from "xstate";
import { createTestModel, getShortestPaths, getSimplePaths, toDirectedGraph, type DirectedGraphNode } from "xstate/graph";
import type { CorrectionKind } from "../../../db/schema";
import { correctionMachine, correctionSnapshot, type CorrectionEvent } from "../../../workflows/corrections/machine";
import { correctionRefusals } from "../../../workflows/corrections/refusals";

const at = "2026-12-01T08:00:00.000Z";
const DOC = { number: "2-145/2026", date: "2026-11-20", issuer: "Первомайский районный суд г. Бишкек" };
const who = (by: string, role = "supervisor", officeCode: string | null = "001") => ({ at, by, role, officeCode });

/** Every event the model may try, those the guards must refuse among them. */
function events(kind: CorrectionKind): CorrectionEvent[] {
  const doc = kind === "lift_evidence" ? DOC : null;
  return [
    { type: "PROPOSE", ...who("sup1"), reason: "registry error: another subject", document: doc },
    { type: "PROPOSE", ...who("insp", "inspector"), reason: "x", document: doc }, // wrong role
    { type: "PROPOSE", ...who("sup1"), reason: "  ", document: doc }, // no reason
    { type: "APPROVE", ...who("sup1") }, // the proposer
    { type: "APPROVE", ...who("sup2") },
    { type: "APPROVE", ...who("sup9", "supervisor", "002") }, // another office
    { type: "REJECT", ...who("sup2"), reason: "" }, // no reason
    { type: "REJECT", ...who("sup2"), reason: "the decision was right" },
  ];
}

function definedEdges(): Set<string> {
  const edges = new Set<string>();
  const walk = (node: DirectedGraphNode) => {
    for (const e of node.edges) edges.add(`${e.source.key} -${e.label.text}-> ${e.target.key}`);
    node.children.forEach(walk);
  };
  walk(toDirectedGraph(correctionMachine));
  return edges;
}

describe("correction machine, model-based (decision 063)", () => {
  for (const kind of ["revoke_decision", "lift_evidence"] as const) {
    const input = { kind, officeCode: "001" };
    const evs = events(kind);
    it(`${kind}: every simple path keeps four eyes, and the paths reach every state and transition`, async () => {
      const model = createTestModel(correctionMachine, { input, events: evs });
      const paths = model.getSimplePaths();
      for (const path of paths) {
        await path.test({
          states: {
            draft: (s) => expect(s.context.proposedBy).toBeNull(),
            proposed: (s) => expect(s.context.proposedBy).toBe("sup1"),
            approved: (s) => expect(s.context.proposedBy).toBe("sup1"),
            rejected: (s) => expect(s.context.proposedBy).toBe("sup1"),
          },
        });
      }
      const states = new Set<string>();
      const edges = new Set<string>();
      for (const p of [...paths, ...getShortestPaths(correctionMachine, { input, events: evs }), ...getSimplePaths(correctionMachine, { input, events: evs })]) {
        for (const step of p.steps) {
          const from = String(step.state.value);
          states.add(from);
          for (const e of evs) if (step.state.can(e)) edges.add(`${from} -${e.type}-> ${String(transition(correctionMachine, step.state, e)[0].value)}`);
        }
      }
      expect([...states].sort()).toEqual(Object.keys(correctionMachine.root.states).sort());
      expect([...edges].sort()).toEqual([...definedEdges()].sort());
    });
  }

  it("every guard carries its message", () => {
    expect(Object.keys(correctionRefusals).sort()).toEqual(Object.keys(correctionMachine.implementations.guards).sort());
  });

  it("a lifting names its document; a revocation carries none", () => {
    const lift = getInitialSnapshot(correctionMachine, { kind: "lift_evidence", officeCode: "001" });
    expect(lift.can({ type: "PROPOSE", ...who("sup1"), reason: "acquitted", document: null })).toBe(false);
    expect(lift.can({ type: "PROPOSE", ...who("sup1"), reason: "acquitted", document: { ...DOC, issuer: " " } })).toBe(false);
    expect(lift.can({ type: "PROPOSE", ...who("sup1"), reason: "acquitted", document: DOC })).toBe(true);
    const revoke = getInitialSnapshot(correctionMachine, { kind: "revoke_decision", officeCode: "001" });
    expect(revoke.can({ type: "PROPOSE", ...who("sup1"), reason: "wrong subject", document: DOC })).toBe(false);
  });
});

/** Each four-eyes path refuses its own proposer, another office and the wrong role, with its own message. */
describe("four eyes, table-driven (decision 063)", () => {
  const proposed = (kind: CorrectionKind) => correctionSnapshot("proposed", { kind, officeCode: "001", proposedBy: "sup1" });
  const draft = (kind: CorrectionKind) => correctionSnapshot("draft", { kind, officeCode: "001", proposedBy: null });
  const cases = [
    ["the proposer", who("sup1"), "forbidden", "correction.four_eyes"],
    ["a supervisor of another office", who("sup9", "supervisor", "002"), "forbidden", "office.not_subject_office"],
    ["an inspector of the office", who("insp", "inspector"), "forbidden", "correction.supervisor_only"],
    ["an administrator", who("adm", "admin", null), "forbidden", "correction.supervisor_only"],
  ] as const;
  for (const kind of ["revoke_decision", "lift_evidence"] as const) {
    for (const step of ["APPROVE", "REJECT"] as const) {
      it.each(cases)(`${kind} ${step}: refuses %s`, (_, w, code, key) => {
        const event: CorrectionEvent = step === "APPROVE" ? { type: "APPROVE", ...w } : { type: "REJECT", ...w, reason: "no" };
        expect(proposed(kind).can(event)).toBe(false);
        const guard = step === "APPROVE" ? "otherSupervisorOfOffice" : "otherSupervisorWithReason";
        expect(correctionRefusals[guard](proposed(kind).context, event)).toMatchObject({ code, key });
      });
      it(`${kind} ${step}: another supervisor of the office may`, () => {
        const event: CorrectionEvent = step === "APPROVE" ? { type: "APPROVE", ...who("sup2") } : { type: "REJECT", ...who("sup2"), reason: "no" };
        expect(proposed(kind).can(event)).toBe(true);
      });
    }
    it.each(cases.slice(1))(`${kind} PROPOSE: refuses %s`, (_, w, code, key) => {
      const event: CorrectionEvent = { type: "PROPOSE", ...w, reason: "r", document: kind === "lift_evidence" ? DOC : null };
      expect(draft(kind).can(event)).toBe(false);
      expect(correctionRefusals.proposable(draft(kind).context, event)).toMatchObject({ code, key });
    });
  }
});
