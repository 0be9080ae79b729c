import { z } from "zod";
import type { Db } from "../../db/client";
import { fictitiousEvidence } from "../../db/schema";
import type { Actor } from "../actor";
import { WorkflowError } from "../errors";
import { appendJournal } from "../journal";
import { normalizeInn } from "../registry/inn";
import { between, type RunOptions } from "../lifecycle/runner";
import { requireOfficeStaff, responsibleOffice } from "../lifecycle/office";

export const evidenceInputSchema = z.object({
  inn: z.string().transform(normalizeInn).pipe(z.string().regex(/^\d{14}$/, { message: "inn.length" })),
  kind: z.enum(["fictitious_entrepreneurship", "fictitious_supplies"], { message: "evidence.kind.invalid" }),
  documentNumber: z.string().trim().min(1, { message: "evidence.document_number.required" }),
  documentDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "evidence.document_date.invalid" }),
  issuer: z.string().trim().min(1, { message: "evidence.issuer.required" }),
});
export type EvidenceInput = z.input<typeof evidenceInputSchema>;

/**
 * Records documented fictitious activity (R9 (b), R21): by staff of the subject's office, or by the
 * technical administrator (evidence may come from elsewhere in the service). Journaled.
 */
export async function recordEvidence(db: Db, actor: Actor, input: EvidenceInput, now: Date, opts?: RunOptions): Promise<{ id: string }> {
  const parsed = evidenceInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new WorkflowError("validation", "evidence.invalid", { issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) });
  }
  const e = parsed.data;
  return db.transaction(async (tx) => {
    let office: string | null;
    if (actor.type === "staff" && actor.role === "admin") office = await responsibleOffice(tx, e.inn, null);
    else {
      const staff = requireOfficeStaff(actor);
      office = await responsibleOffice(tx, e.inn, staff.officeCode);
      if (office !== staff.officeCode) throw new WorkflowError("forbidden", "office.not_subject_office", { subjectOffice: office });
    }
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
