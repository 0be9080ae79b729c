import { eq, sql, type SQL } from "drizzle-orm";
import { queryRows, type Db, type DbOrTx } from "../../db/client";
import { applications } from "../../db/schema";
import type { Actor } from "../actor";
import { WorkflowError } from "../errors";
import { officeRef, requireOfficeStaff, type OfficeRef } from "../lifecycle/office";
import { groundsFrom, type Ground, type RegistrationFacts } from "./grounds";

export interface EvidenceFact {
  id: string;
  kind: "fictitious_entrepreneurship" | "fictitious_supplies";
  documentNumber: string;
  documentDate: string;
  issuer: string;
  recordedAt: Date;
  /** Lifted with four eyes (decision 063): kept in the record, no longer a ground of R9. */
  lifted: { number: string; at: string; documentNumber: string; documentDate: string; documentIssuer: string } | null;
}

export interface CheckResult {
  registration: RegistrationFacts;
  evidence: EvidenceFact[];
  /** R13: the subject is registered at the checking staff member's office. */
  officeMatches: boolean;
  /** The office that acts on the subject (R13), by name and address: another office is named, not coded. */
  office: OfficeRef | null;
  /** The R9 grounds these facts establish; empty means a grant is possible. */
  grounds: Ground[];
}

export interface SubjectFacts {
  registration: RegistrationFacts;
  evidence: EvidenceFact[];
  grounds: Ground[];
  /** The time zone of the registration office (null when the INN is not registered). */
  officeTimeZone: string | null;
}

/**
 * The automatic checks (R9, R13) for the INN `inn` evaluates to, as one JSON value: registry entry,
 * the office's time zone and the evidence. An SQL expression, so that a decision reads it in the
 * statement that locks its application instead of a round trip of its own.
 */
export function subjectFactsSql(inn: SQL): SQL {
  return sql`(select json_build_object(
      'officeCode', t.office_code, 'status', t.registration_status, 'timeZone', o.time_zone,
      'evidence', (select coalesce(json_agg(json_build_object('id', e.id, 'kind', e.kind, 'documentNumber', e.document_number, 'documentDate', e.document_date,
                                                              'issuer', e.issuer, 'recordedAt', e.recorded_at,
                                                              'lifted', (select json_build_object('number', c.number, 'at', c.decided_at, 'documentNumber', c.document_number,
                                                                                                  'documentDate', c.document_date, 'documentIssuer', c.document_issuer)
                                                                         from corrections c where c.kind = 'lift_evidence' and c.target_id = e.id and c.status = 'approved'))
                                                     order by e.recorded_at, e.id), '[]'::json)
                   from fictitious_evidence e where e.inn = s.inn))
    from (select ${inn} as inn) s left join taxpayers t on t.inn = s.inn left join offices o on o.code = t.office_code)`;
}

/** SubjectFacts from the value of subjectFactsSql (a string or already parsed, by driver). */
export function subjectFactsFrom(value: unknown): SubjectFacts {
  const v = (typeof value === "string" ? JSON.parse(value) : value) as {
    officeCode: string | null;
    status: RegistrationFacts["status"];
    timeZone: string | null;
    evidence: (Omit<EvidenceFact, "recordedAt"> & { recordedAt: string })[];
  };
  const registration: RegistrationFacts = v.officeCode ? { found: true, status: v.status, officeCode: v.officeCode } : { found: false, status: null, officeCode: null };
  const evidence = v.evidence.map((e) => ({ ...e, recordedAt: new Date(e.recordedAt) }));
  // Lifted evidence stays in the record but grounds no refusal (decision 063).
  const standing = evidence.filter((e) => !e.lifted).map((e) => e.id);
  return { registration, evidence, grounds: groundsFrom(registration, standing), officeTimeZone: v.timeZone };
}

/** The automatic checks (R9, R13) against the registry and the evidence register, in one read. */
export async function subjectFacts(tx: DbOrTx, inn: string): Promise<SubjectFacts> {
  const [row] = await queryRows<{ facts: unknown }>(tx, sql`select ${subjectFactsSql(sql`${inn}::varchar`)} as facts`);
  return subjectFactsFrom(row.facts);
}

/** What the inspector sees before deciding: registration, evidence, office match and the grounds. */
export async function runChecks(db: Db, actor: Actor, applicationId: string): Promise<CheckResult> {
  const staff = requireOfficeStaff(actor);
  const [app] = await db.select({ inn: applications.inn, officeCode: applications.officeCode }).from(applications).where(eq(applications.id, applicationId));
  if (!app) throw new WorkflowError("not_found", "application.not_found");
  const facts = await subjectFacts(db, app.inn);
  const office = facts.registration.officeCode ?? app.officeCode ?? staff.officeCode;
  return { ...facts, officeMatches: office === staff.officeCode, office: await officeRef(db, office) };
}
