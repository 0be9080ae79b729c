import { describe, expect, it } from "vitest";
import { annulmentEntryDue } from "../../workflows/clock/deadlines";
import { formatEntryDeadline, formatInstant, formattersFor, OFFICE_TIME_ZONE } from "../../app/utils/dates";
import { translatorFor } from "../../app/utils/i18n.server";

describe("the annulment entry deadline as pages and paper write it", () => {
  it("names the last calendar day, inclusive, instead of the midnight that follows it", async () => {
    const ru = await translatorFor("ru");
    const en = await translatorFor("en");
    // Due 04.12.2026 00:00 in Bishkek (UTC+6).
    const due = new Date("2026-12-03T18:00:00Z");
    expect(formatEntryDeadline(ru, due, "Asia/Bishkek")).toBe("по 03.12.2026 включительно");
    expect(formatEntryDeadline(en, due.toISOString(), "Asia/Bishkek")).toBe("by 03.12.2026 inclusive");
    expect(formatEntryDeadline(ru, null, "Asia/Bishkek")).toBe("—");
  });

  it("reads the day in the office's zone, whatever the instant is in UTC", async () => {
    const ru = await translatorFor("ru");
    // Received Wednesday 30.12.2026 01:30 in Bishkek (still the 29th in UTC): two days are the 31st and the 1st.
    const due = annulmentEntryDue(new Date("2026-12-29T19:30:00Z"), "Asia/Bishkek");
    expect(formatEntryDeadline(ru, due, "Asia/Bishkek")).toBe("по 01.01.2027 включительно");
    expect(formatEntryDeadline(ru, annulmentEntryDue(new Date("2026-02-26T10:00:00Z"), "America/New_York"), "America/New_York")).toBe("по 28.02.2026 включительно");
  });
});

describe("a page's formatters, bound to its language and its office's zone", () => {
  it("read every instant in the zone they are bound to, and in the default zone when no office is known", async () => {
    const at = "2026-12-31T20:30:00Z"; // 01.01.2027 02:30 in Bishkek, 05:30 in Tokyo
    const tokyo = formattersFor("ru", "Asia/Tokyo");
    expect(tokyo.timeZone).toBe("Asia/Tokyo");
    expect(tokyo.instant(at)).toBe("01.01.2027 05:30");
    expect(tokyo.date(at)).toBe("01.01.2027");
    expect(formattersFor("en", "America/New_York").instant(at)).toBe("31.12.2026 15:30");
    expect(formattersFor("ru", "America/New_York").date(at)).toBe("31.12.2026");
    expect(formattersFor("ru", null).timeZone).toBe(OFFICE_TIME_ZONE);
    expect(formattersFor("ru", null).instant(at)).toBe(formatInstant(at, "ru", OFFICE_TIME_ZONE));
    const due = annulmentEntryDue(new Date("2026-12-29T19:30:00Z"), "Asia/Tokyo");
    expect(tokyo.entryDeadline(await translatorFor("ru"), due)).toBe(formatEntryDeadline(await translatorFor("ru"), due, "Asia/Tokyo"));
  });
});

describe("Kyrgyz dates and numbers, through Intl (date-fns has no ky locale)", () => {
  it("writes instants and days as the office's papers do, in the zone the page is bound to", async () => {
    const at = "2026-12-31T20:30:00Z"; // 01.01.2027 02:30 in Bishkek
    const ky = formattersFor("ky", "Asia/Bishkek");
    expect(ky.instant(at)).toBe("01.01.2027 02:30");
    expect(ky.date(at)).toBe("01.01.2027");
    expect(formattersFor("ky", "Asia/Bishkek").instant("2026-12-31T18:00:00Z")).toBe("01.01.2027 00:00");
    // Not CLDR's numeric `ky` pattern (y-dd-MM), which would read 2026-05-03 for 5 March.
    expect(formattersFor("ky", "Asia/Bishkek").date("2026-03-05T10:00:00Z")).toBe("05.03.2026");
    const due = new Date("2026-12-03T18:00:00Z");
    expect(ky.entryDeadline(await translatorFor("ky"), due)).toBe("03.12.2026 чейин (ушул күндү кошо алганда)");
  });

  it("writes numbers with the language's grouping and decimal signs", () => {
    expect(formattersFor("ky", null).number(12345.67).replace(/\s/g, " ")).toBe("12 345,7");
    expect(formattersFor("ru", null).number(1234).replace(/\s/g, " ")).toBe("1 234");
    expect(formattersFor("en", null).number(1234.5)).toBe("1,234.5");
    expect(formattersFor("ky", null).number(null)).toBe("—");
  });
});

describe("an instant's parts, the zone's offset kept per hour (decision 077)", () => {
  /** What Intl itself writes for the instant in the zone, in the papers' pattern. */
  const formats = new Map<string, Intl.DateTimeFormat>();
  function intl(ms: number, timeZone: string): string {
    const p: Record<string, string> = {};
    let f = formats.get(timeZone);
    if (!f) formats.set(timeZone, (f = new Intl.DateTimeFormat("ru", { timeZone, day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", numberingSystem: "latn" })));
    for (const part of f.formatToParts(ms)) p[part.type] = part.value;
    return `${p.day}.${p.month}.${p.year} ${p.hour}:${p.minute}`;
  }
  // Summer times that start and end (New York, London, Lord Howe's half hour, Chile's, the south's),
  // offsets of 45 and 30 minutes, a zone that left summer time (Moscow), the offices' zones, and
  // zones whose history holds offsets in seconds (before their standard time).
  const zones = ["Asia/Bishkek", "Asia/Tokyo", "America/New_York", "Europe/London", "Europe/Moscow", "Australia/Lord_Howe", "Asia/Kathmandu", "Asia/Kolkata", "America/Santiago", "Pacific/Chatham", "America/St_Johns", "Africa/Monrovia", "Europe/Amsterdam", "UTC"];

  it("writes every instant as Intl does, across summer-time changes, in the hours around them", () => {
    const minute = 60_000;
    for (const zone of zones) {
      for (const year of [1900, 1937, 1970, 1991, 2011, 2026, 2027, 2040]) {
        // Every 97 minutes and a bit through the year's first and last fortnights and through March–April and September–November.
        const spans: [number, number][] = [
          [Date.UTC(year, 0, 1), Date.UTC(year, 0, 15)],
          [Date.UTC(year, 2, 1), Date.UTC(year, 3, 15)],
          [Date.UTC(year, 8, 15), Date.UTC(year, 10, 15)],
          [Date.UTC(year, 11, 17), Date.UTC(year + 1, 0, 1)],
        ];
        for (const [from, to] of spans) {
          for (let ms = from; ms < to; ms += 97 * minute + 13_001) {
            const got = formatInstant(new Date(ms), "ru", zone);
            if (got !== intl(ms, zone)) expect(`${zone} ${new Date(ms).toISOString()}: ${got}`).toBe(`${zone} ${new Date(ms).toISOString()}: ${intl(ms, zone)}`);
          }
        }
      }
    }
  });

  it("writes the minutes on both sides of a change of offset as Intl does", () => {
    // New York springs forward at 07:00Z and falls back at 06:00Z; Lord Howe moves by half an hour at 15:00Z.
    const changes = ["2026-03-08T07:00:00Z", "2026-11-01T06:00:00Z", "2026-04-04T15:00:00Z", "2026-10-03T15:30:00Z"];
    for (const zone of ["America/New_York", "Australia/Lord_Howe"]) {
      for (const at of changes) {
        const t = Date.parse(at);
        for (let ms = t - 3_600_000; ms <= t + 3_600_000; ms += 59_000) expect(formatInstant(new Date(ms), "ky", zone)).toBe(intl(ms, zone));
      }
    }
  });
});

describe("instants as epoch milliseconds (the queue's rows, decision 077)", () => {
  it("read as the same instant as a Date or its ISO string, and 0 is 1970, not missing", () => {
    const at = Date.parse("2026-12-31T20:30:00Z");
    const f = formattersFor("ky", "Asia/Bishkek");
    expect(f.instant(at)).toBe(f.instant(new Date(at)));
    expect(f.instant(at)).toBe(f.instant(new Date(at).toISOString()));
    expect(f.date(at)).toBe("01.01.2027");
    expect(f.instant(0)).toBe("01.01.1970 06:00");
    expect(f.instant(null)).toBe("—");
  });
});
