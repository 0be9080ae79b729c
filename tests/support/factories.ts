import { randomBytes } from "node:crypto";
import type { Db } from "../../db/client";
import { offices, staffUsers, taxpayers } from "../../db/schema";
import type { StaffActor } from "../../workflows/actor";
import { recordEvidence } from "../../workflows/annulment/evidence";
import type { ApplicationFormInput } from "../../workflows/application/form";

/** Test data each test makes for itself (no shared fixtures between files). */
let serial = Number.parseInt(randomBytes(2).toString("hex"), 16) % 50_000;

/** A valid personal INN (kind 2, born 01.01.1990), unique within the process. */
export function personalInn(): string {
  serial = (serial + 1) % 100_000;
  return `201011990${String(serial).padStart(5, "0")}`;
}

/** A valid organisation INN (kind 0). */
export function organisationInn(): string {
  serial = (serial + 1) % 100_000;
  return `0${String(Date.now() % 1e8).padStart(8, "0")}${String(serial).padStart(5, "0")}`;
}

export async function createOffice(db: Db, code: string, timeZone = "Asia/Bishkek") {
  await db.insert(offices).values({ code, name: `Office ${code}`, address: `Address ${code}`, headName: `Head ${code}`, timeZone }).onConflictDoNothing();
  return code;
}

export async function createStaff(db: Db, role: "inspector" | "supervisor" | "admin", officeCode: string | null, fullName?: string): Promise<StaffActor> {
  const name = fullName ?? `${role} ${randomBytes(3).toString("hex")}`;
  const [row] = await db
    .insert(staffUsers)
    .values({
      username: `${role}-${randomBytes(5).toString("hex")}`,
      fullName: name,
      role,
      officeCode: role === "admin" ? null : officeCode,
      // why: these users never sign in; the column only has to be non-empty.
      passwordHash: "not-a-login-hash",
    })
    .returning({ id: staffUsers.id });
  return { type: "staff", id: row.id, role, officeCode: role === "admin" ? null : officeCode, fullName: name };
}

export async function createTaxpayer(
  db: Db,
  officeCode: string,
  opts: { inn?: string; status?: "registered" | "deregistered"; subjectType?: "individual" | "entrepreneur" | "legal_entity" | "foreign_resident"; name?: string } = {},
) {
  const inn = opts.inn ?? personalInn();
  await db.insert(taxpayers).values({
    inn,
    name: opts.name ?? `Taxpayer ${inn}`,
    subjectType: opts.subjectType ?? "individual",
    officeCode,
    registrationStatus: opts.status ?? "registered",
  });
  return inn;
}

export async function createEvidence(db: Db, actor: StaffActor, inn: string, now = new Date("2025-03-01T06:00:00Z")) {
  const { id } = await recordEvidence(
    db,
    actor,
    { inn, kind: "fictitious_supplies", documentNumber: `EV-${randomBytes(3).toString("hex")}`, documentDate: "2025-02-20", issuer: "ГНС, отдел расследований" },
    now,
  );
  return id;
}

export const PASSWORD = "Kyrgyz#2025";

export function validForm(inn: string, overrides: Partial<ApplicationFormInput> = {}): ApplicationFormInput {
  return {
    requestKind: "grant",
    subjectType: "individual",
    inn,
    name: "Асанов Бакыт",
    phone: "+996 555 123456",
    email: "a@example.kg",
    password: PASSWORD,
    passwordConfirm: PASSWORD,
    ...overrides,
  };
}

/** Walks an application through the front desk: saved, presented, accepted. */
export async function acceptedApplication(db: Db, inspector: StaffActor, inn: string, now: Date, form: Partial<ApplicationFormInput> = {}, language?: "ky" | "ru" | "en") {
  const { submitApplication, presentApplication, acceptApplication } = await import("../../workflows/application/service");
  const { requiredChecklist } = await import("../../workflows/application/checklist");
  const full = validForm(inn, form);
  const { id, code } = await submitApplication(db, full, now, language ? { language } : undefined);
  await presentApplication(db, inspector, id, new Date(now.getTime() + 60_000));
  const ticked = requiredChecklist({ subjectType: full.subjectType as never, representative: full.representative, minor: full.minor });
  const { incomingNumber } = await acceptApplication(db, inspector, id, ticked, new Date(now.getTime() + 120_000));
  return { id, code, incomingNumber };
}

/** A subject with an active account: accepted and granted. */
export async function grantedSubject(db: Db, inspector: StaffActor, inn: string, now: Date) {
  const { grantAccess } = await import("../../workflows/application/service");
  const app = await acceptedApplication(db, inspector, inn, now);
  const decision = await grantAccess(db, inspector, app.id, new Date(now.getTime() + 180_000));
  return { ...app, ...decision };
}
