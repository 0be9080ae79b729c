import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../db/client";
import type { StaffActor } from "../../../workflows/actor";
import { submitApplication } from "../../../workflows";
import { searchKind, searchSubjects } from "../../../workflows/subject";
import { createTestDb } from "../../support/db";
import { createOffice, createStaff, createTaxpayer, grantedSubject, validForm } from "../../support/factories";

let h: DbHandle;
let insp: StaffActor;
const T0 = new Date("2025-03-07T04:00:00Z");

beforeAll(async () => {
  h = await createTestDb();
  await createOffice(h.db, "021");
  insp = await createStaff(h.db, "inspector", "021");
});
afterAll(() => h.close());

describe("staff search by INN, name, code and login", () => {
  it("tells what was typed", () => {
    expect(searchKind("  ")).toBeNull();
    expect(searchKind("2101 1990")).toBe("inn");
    expect(searchKind("KB-7k3m9x2q")).toBe("login");
    expect(searchKind("Мамытова")).toBe("name");
  });

  it("finds a subject by a full INN, by the beginning of an INN, and pages through the rest", async () => {
    const prefix = "1030519950";
    const inns = [];
    for (let i = 0; i < 7; i++) inns.push(await createTaxpayer(h.db, "021", { inn: `${prefix}${String(1000 + i)}` }));
    const exact = await searchSubjects(h.db, inns[3]);
    expect(exact.hits.map((x) => x.inn)).toEqual([inns[3]]);
    const page1 = await searchSubjects(h.db, prefix, { pageSize: 5 });
    const page2 = await searchSubjects(h.db, prefix, { pageSize: 5, page: 2 });
    expect(page1.total).toBe(7);
    expect([...page1.hits, ...page2.hits].map((x) => x.inn)).toEqual(inns);
    // "…0999" carries over to "…1" in the range bound and still finds only its own prefix.
    await createTaxpayer(h.db, "021", { inn: "10305199509990" });
    expect((await searchSubjects(h.db, "1030519950999")).hits.map((x) => x.inn)).toEqual(["10305199509990"]);
  });

  it("finds by the beginnings of name words, in any case and order", async () => {
    const inn = await createTaxpayer(h.db, "021", { name: "Токтогулова Айжамал Шаршеновна" });
    await createTaxpayer(h.db, "021", { name: "Токтогулов Нурбек" });
    const both = await searchSubjects(h.db, "токтогул");
    expect(both.total).toBe(2);
    const one = await searchSubjects(h.db, "айжам ТОКТОГ");
    expect(one.hits.map((x) => x.inn)).toEqual([inn]);
    expect((await searchSubjects(h.db, "'; drop table taxpayers; --")).total).toBe(0);
  });

  it("finds by application code and by login, with the account shown", async () => {
    const inn = await createTaxpayer(h.db, "021", { name: "Кадырбеков Эмиль" });
    const g = await grantedSubject(h.db, insp, inn, T0);
    const byCode = await searchSubjects(h.db, g.code.toLowerCase());
    expect(byCode.kind).toBe("code");
    expect(byCode.hits[0]).toMatchObject({ inn, login: g.login, accountStatus: "active", officeCode: "021" });
    const byLogin = await searchSubjects(h.db, g.login.toUpperCase());
    expect(byLogin.hits.map((x) => x.inn)).toEqual([inn]);
  });

  it("an INN the registry does not hold is found through its application", async () => {
    const inn = "21212199012345";
    const saved = await submitApplication(h.db, validForm(inn, { name: "Незарегистрированный Субъект" }), T0);
    const byInn = await searchSubjects(h.db, inn);
    expect(byInn.hits[0]).toMatchObject({ inn, name: "Незарегистрированный Субъект", registrationStatus: null, officeCode: null });
    expect((await searchSubjects(h.db, saved.code)).hits[0]?.inn).toBe(inn);
  });
});
