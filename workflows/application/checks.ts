import { asc, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { applications, fictitiousEvidence } from "../../db/schema";
import type { Actor } from "../actor";
import { WorkflowError } from "../errors";
import { registryEntry, requireOfficeStaff } from "../lifecycle/office";
import { groundsFrom, type Ground, type RegistrationFacts } from "./grounds";

export interface EvidenceFact {
  id: string;
  kind: "fictitious_entrepreneurship" | "fictitious_supplies";
  documentNumber: string;
  documentDate: string;
  issuer: string;
  recordedAt: Date;
}

export interface CheckResult {
  registration: RegistrationFacts;
  evidence: EvidenceFact[];
  /** R13: the subject is registered at the checking staff member's office. */
  officeMatches: boolean;
  /** The R9 grounds these facts establish; empty means a grant is possible. */
  grounds: Ground[];
}

/** The automatic checks (R9, R13) against the registry and the evidence register. */
export async function subjectFacts(tx: DbOrTx, inn: string): Promise<{ registration: RegistrationFacts; evidence: EvidenceFact[]; grounds: Ground[] }> {
  const reg = await registryEntry(tx, inn);
  const registration: RegistrationFacts = reg
    ? { found: true, status: reg.status, officeCode: reg.officeCode }
    : { found: false, status: null, officeCode: null };
  const evidence = await tx
    .select({
      id: fictitiousEvidence.id,
      kind: fictitiousEvidence.kind,
      documentNumber: fictitiousEvidence.documentNumber,
      documentDate: fictitiousEvidence.documentDate,
      issuer: fictitiousEvidence.issuer,
      recordedAt: fictitiousEvidence.recordedAt,
    })
    .from(fictitiousEvidence)
    .where(eq(fictitiousEvidence.inn, inn))
    .orderBy(asc(fictitiousEvidence.recordedAt), asc(fictitiousEvidence.id));
  return { registration, evidence, grounds: groundsFrom(registration, evidence.map((e) => e.id)) };
}

/** What the inspector sees before deciding: registration, evidence, office match and the grounds. */
export async function runChecks(db: Db, actor: Actor, applicationId: string): Promise<CheckResult> {
  const staff = requireOfficeStaff(actor);
  const [app] = await db.select({ inn: applications.inn, officeCode: applications.officeCode }).from(applications).where(eq(applications.id, applicationId));
  if (!app) throw new WorkflowError("not_found", "application.not_found");
  const facts = await subjectFacts(db, app.inn);
  const office = facts.registration.officeCode ?? app.officeCode ?? staff.officeCode;
  return { ...facts, officeMatches: office === staff.officeCode };
}
