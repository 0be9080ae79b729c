import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { fictitiousEvidence } from "../../db/schema";
import type { Actor } from "../actor";
import { WorkflowError } from "../errors";
import { dayField } from "../forms/day";
import { validate } from "../forms/parse";
import { appendJournal } from "../journal";
import { normalizeInn } from "../registry/inn";
import { between, type RunOptions } from "../lifecycle/runner";
import { requireOfficeStaff, responsibleOffice } from "../lifecycle/office";

export const EVIDENCE_NUMBER_MAX = 100;
export const EVIDENCE_ISSUER_MAX = 300;

/**
 * The evidence form. The date is a real day from 1991 to today; number and issuer are limited so a
 * pasted page cannot become a refusal four pages long.
 */
export function makeEvidenceSchema(clock: () => Date = () => new Date()) {
  return z.object({
    inn: z.string({ message: "inn.length" }).transform(normalizeInn).pipe(z.string().regex(/^\d{14}$/, { message: "inn.length" })),
    kind: z.enum(["fictitious_entrepreneurship", "fictitious_supplies"], { message: "evidence.kind.invalid" }),
    documentNumber: z
      .string({ message: "evidence.document_number.required" })
      .trim()
      .min(1, { message: "evidence.document_number.required" })
      .max(EVIDENCE_NUMBER_MAX, { message: "evidence.document_number.too_long" }),
    documentDate: dayField("evidence.document_date", clock),
    issuer: z
      .string({ message: "evidence.issuer.required" })
      .trim()
      .min(1, { message: "evidence.issuer.required" })
      .max(EVIDENCE_ISSUER_MAX, { message: "evidence.issuer.too_long" }),
  });
}
export const evidenceInputSchema = makeEvidenceSchema();
export type EvidenceInput = z.input<typeof evidenceInputSchema>;

/**
 * Records documented fictitious activity (R9 (b), R21): by staff of the subject's office, or by the
 * technical administrator (evidence may come from elsewhere in the service). Journaled.
 */
export async function recordEvidence(db: Db, actor: Actor, input: EvidenceInput, now: Date, opts?: RunOptions): Promise<{ id: string }> {
  const e = validate(makeEvidenceSchema(() => now), input, "evidence.invalid");
  return db.transaction(async (tx) => {
    let office: string | null;
    if (actor.type === "staff" && actor.role === "admin") office = await responsibleOffice(tx, e.inn, null);
    else {
      const staff = requireOfficeStaff(actor);
      office = await responsibleOffice(tx, e.inn, staff.officeCode);
      if (office !== staff.officeCode) throw new WorkflowError("forbidden", "office.not_subject_office", { subjectOffice: office });
    }
    // The same document twice (a second click, a resent form) is one record: checked under a lock
    // on the subject's evidence so two simultaneous posts cannot both pass the check.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`evidence:${e.inn}`}))`);
    const [same] = await tx
      .select({ id: fictitiousEvidence.id })
      .from(fictitiousEvidence)
      .where(
        and(
          eq(fictitiousEvidence.inn, e.inn),
          eq(fictitiousEvidence.kind, e.kind),
          eq(fictitiousEvidence.documentNumber, e.documentNumber),
          eq(fictitiousEvidence.documentDate, e.documentDate),
          eq(fictitiousEvidence.issuer, e.issuer),
        ),
      )
      .limit(1);
    if (same) throw new WorkflowError("conflict", "evidence.duplicate", { evidenceId: same.id });
    const [row] = await tx
      .insert(fictitiousEvidence)
      .values({ ...e, recordedBy: actor.type === "staff" ? actor.id : null, recordedAt: now })
      .returning({ id: fictitiousEvidence.id });
    await between(opts, "evidence");
    await appendJournal(tx, {
      actor,
      officeCode: office,
      action: "evidence.recorded",
      subjectInn: e.inn,
      entityType: "evidence",
      entityId: row.id,
      before: null,
      after: { kind: e.kind, documentNumber: e.documentNumber, documentDate: e.documentDate, issuer: e.issuer },
    });
    return { id: row.id };
  });
}
