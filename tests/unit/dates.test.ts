import { describe, expect, it } from "vitest";
import { annulmentEntryDue } from "../../workflows/clock/deadlines";
import { formatEntryDeadline } from "../../app/utils/dates";
import { translatorFor } from "../../app/utils/i18n.server";

describe("the annulment entry deadline as pages and paper write it", () => {
  it("names the last calendar day, inclusive, instead of the midnight that follows it", async () => {
    const ru = await translatorFor("ru");
    const en = await translatorFor("en");
    // Due 04.12.2026 00:00 in Bishkek (UTC+6).
    const due = new Date("2026-12-03T18:00:00Z");
    expect(formatEntryDeadline(ru, due)).toBe("по 03.12.2026 включительно");
    expect(formatEntryDeadline(en, due.toISOString())).toBe("by 03.12.2026 inclusive");
    expect(formatEntryDeadline(ru, null)).toBe("—");
  });

  it("reads the day in the office's zone, whatever the instant is in UTC", async () => {
    const ru = await translatorFor("ru");
    // Received Wednesday 30.12.2026 01:30 in Bishkek (still the 29th in UTC): two days are the 31st and the 1st.
    const due = annulmentEntryDue(new Date("2026-12-29T19:30:00Z"), "Asia/Bishkek");
    expect(formatEntryDeadline(ru, due, "Asia/Bishkek")).toBe("по 01.01.2027 включительно");
    expect(formatEntryDeadline(ru, annulmentEntryDue(new Date("2026-02-26T10:00:00Z"), "America/New_York"), "America/New_York")).toBe("по 28.02.2026 включительно");
  });
});
