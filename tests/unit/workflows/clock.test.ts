import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { annulmentEntryDue, clockState, deadlineState, decisionClock, entryClock, entryLastDay, proposalClock } from "../../../workflows/clock/deadlines";

const row = (presentedAt: Date) => {
  const c = decisionClock(presentedAt);
  return { status: "presented", decisionWarnAt: c.warnAt, decisionDueAt: c.dueAt, entryDueAt: null };
};
const plus = (d: Date, min: number) => new Date(d.getTime() + min * 60_000);

describe("clocks (R14, R20)", () => {
  it("R14: a presented application is ok before 15 min, warning at 15, overdue at 20", () => {
    const t0 = new Date("2025-03-07T04:00:00Z");
    expect(deadlineState(row(t0), plus(t0, 14.99))).toBe("ok");
    expect(deadlineState(row(t0), plus(t0, 15))).toBe("warning");
    expect(deadlineState(row(t0), plus(t0, 19.99))).toBe("warning");
    expect(deadlineState(row(t0), plus(t0, 20))).toBe("overdue");
    expect(deadlineState({ ...row(t0), status: "granted" }, plus(t0, 60))).toBe("ok");
  });

  it("R20: an annulment received Friday 23:50 (Bishkek) is overdue from Monday 00:00 office time", () => {
    const received = new Date("2025-03-07T17:50:00Z"); // Fri 23:50 in Asia/Bishkek (UTC+6)
    const due = annulmentEntryDue(received, "Asia/Bishkek");
    expect(due.toISOString()).toBe("2025-03-09T18:00:00.000Z"); // Mon 00:00 Bishkek
    const accepted = { status: "accepted", decisionWarnAt: null, decisionDueAt: null, entryDueAt: due };
    expect(deadlineState(accepted, new Date(due.getTime() - 1))).toBe("warning");
    expect(deadlineState(accepted, due)).toBe("overdue");
    expect(deadlineState(accepted, new Date("2025-03-08T12:00:00Z"))).toBe("ok");
  });

  it("R20: pages get the entry clock's warning instant, the one the state turns on", () => {
    const due = annulmentEntryDue(new Date("2025-03-07T17:50:00Z"), "Asia/Bishkek");
    const warn = entryClock(due).warnAt;
    expect(warn.toISOString()).toBe("2025-03-08T18:00:00.000Z"); // Sun 00:00 Bishkek: the last day
    const accepted = { status: "accepted", decisionWarnAt: null, decisionDueAt: null, entryDueAt: due };
    expect(deadlineState(accepted, new Date(warn.getTime() - 1))).toBe("ok");
    expect(deadlineState(accepted, warn)).toBe("warning");
  });

  it("R21: a proposal waiting for a supervisor warns after 4 hours and is overdue after 24", () => {
    const proposed = new Date("2025-03-07T04:00:00Z");
    const clock = proposalClock(proposed);
    expect(clock).toEqual({ warnAt: new Date("2025-03-07T08:00:00Z"), dueAt: new Date("2025-03-08T04:00:00Z") });
    expect(clockState(clock, new Date("2025-03-07T07:59:59Z"))).toBe("ok");
    expect(clockState(clock, new Date("2025-03-07T08:00:00Z"))).toBe("warning");
    expect(clockState(clock, new Date("2025-03-08T04:00:00Z"))).toBe("overdue");
    expect(clockState({ warnAt: null, dueAt: clock.dueAt }, new Date("2025-03-08T03:00:00Z"))).toBe("ok");
  });

  it("R20: the same receipt on Friday 00:05 is due from Monday 00:00 too; a zone with DST keeps local midnight", () => {
    expect(annulmentEntryDue(new Date("2025-03-06T18:05:00Z"), "Asia/Bishkek").toISOString()).toBe("2025-03-09T18:00:00.000Z");
    // New York springs forward on Sun 2025-03-09: Monday 00:00 EDT is 04:00Z.
    expect(annulmentEntryDue(new Date("2025-03-08T04:50:00Z"), "America/New_York").toISOString()).toBe("2025-03-10T04:00:00.000Z");
  });

  it("R20: the last day of the entry is the day before the due instant, in the office's zone", () => {
    // Received Friday 23:50 Bishkek, due Monday 00:00: entered on time up to and including Sunday.
    const due = annulmentEntryDue(new Date("2025-03-07T17:50:00Z"), "Asia/Bishkek");
    expect(entryLastDay(due, "Asia/Bishkek")).toBe("2025-03-09");
    // «до 04.12.2026 00:00» is «по 03.12.2026 включительно».
    expect(entryLastDay(new Date("2026-12-03T18:00:00Z"), "Asia/Bishkek")).toBe("2026-12-03");
    // The same instant is already the 4th in Bishkek but still the 3rd in UTC: the zone decides.
    expect(entryLastDay(new Date("2026-12-03T18:00:00Z"), "UTC")).toBe("2026-12-02");
  });

  it("R20: the last day crosses month and year ends, leap days and a DST change", () => {
    const cases: [receivedAt: string, timeZone: string, lastDay: string][] = [
      ["2026-01-29T10:00:00Z", "Asia/Bishkek", "2026-01-31"],
      ["2026-02-26T10:00:00Z", "Asia/Bishkek", "2026-02-28"],
      ["2028-02-27T10:00:00Z", "Asia/Bishkek", "2028-02-29"],
      ["2026-12-29T17:30:00Z", "Asia/Bishkek", "2026-12-31"], // 29 Dec 23:30 local
      ["2026-12-29T19:30:00Z", "Asia/Bishkek", "2027-01-01"], // already 30 Dec 01:30 local
      ["2025-03-08T04:50:00Z", "America/New_York", "2025-03-09"], // the DST day itself
      ["2025-11-01T12:00:00Z", "America/New_York", "2025-11-03"],
    ];
    for (const [receivedAt, timeZone, lastDay] of cases) {
      const due = annulmentEntryDue(new Date(receivedAt), timeZone);
      expect(entryLastDay(due, timeZone), `${receivedAt} ${timeZone}`).toBe(lastDay);
    }
  });

  it("R14/R20: the answers do not depend on the server process's time zone", () => {
    const script = `
      import { annulmentEntryDue, deadlineState, decisionClock, entryLastDay } from "./workflows/clock/deadlines.ts";
      const due = annulmentEntryDue(new Date("2025-03-07T17:50:00Z"), "Asia/Bishkek");
      const c = decisionClock(new Date("2025-03-07T04:00:00Z"));
      const r = { status: "presented", decisionWarnAt: c.warnAt, decisionDueAt: c.dueAt, entryDueAt: null };
      console.log(JSON.stringify([due.toISOString(), entryLastDay(due, "Asia/Bishkek"), deadlineState(r, new Date("2025-03-07T04:15:00Z")), deadlineState(r, new Date("2025-03-07T04:20:00Z"))]));
    `;
    const outputs = ["UTC", "America/New_York", "Pacific/Kiritimati"].map((TZ) => {
      const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { env: { ...process.env, TZ }, encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout.trim();
    });
    expect(outputs[0]).toBe(JSON.stringify(["2025-03-09T18:00:00.000Z", "2025-03-09", "warning", "overdue"]));
    expect(new Set(outputs).size).toBe(1);
  });
});
