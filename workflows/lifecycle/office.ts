import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { taxpayers } from "../../db/schema";
import type { Actor, StaffActor, StaffRole } from "../actor";
import { WorkflowError } from "../errors";

/** Staff of an office (inspector or supervisor) — the only ones who act on applications. */
export function requireOfficeStaff(actor: Actor, roles: StaffRole[] = ["inspector", "supervisor"]): StaffActor & { officeCode: string } {
  if (actor.type !== "staff") throw new WorkflowError("forbidden", "staff.required");
  if (!roles.includes(actor.role) || !actor.officeCode) throw new WorkflowError("forbidden", "staff.role_not_allowed", { role: actor.role });
  return actor as StaffActor & { officeCode: string };
}

export async function registryEntry(tx: DbOrTx, inn: string) {
  const [row] = await tx
    .select({ officeCode: taxpayers.officeCode, status: taxpayers.registrationStatus, name: taxpayers.name, subjectType: taxpayers.subjectType })
    .from(taxpayers)
    .where(eq(taxpayers.inn, inn));
  return row ?? null;
}

/**
 * R13/R14: the office of the subject's tax registration acts on it. An INN absent from the
 * registry has no such office: the office where the application was presented answers for it
 * (it can only refuse, on ground (a)) — docs/decisions/016-office-of-unregistered-inn.md.
 */
export async function responsibleOffice(tx: DbOrTx, inn: string, fallback: string | null): Promise<string | null> {
  const reg = await registryEntry(tx, inn);
  return reg?.officeCode ?? fallback;
}

export async function requireSubjectOffice(tx: DbOrTx, actor: StaffActor & { officeCode: string }, inn: string, fallback: string | null): Promise<string> {
  const reg = await registryEntry(tx, inn);
  return checkSubjectOffice(actor, reg?.officeCode ?? null, fallback);
}

/** requireSubjectOffice on a registry office already read (null: the INN is not registered). */
export function checkSubjectOffice(actor: StaffActor & { officeCode: string }, registryOffice: string | null, fallback: string | null): string {
  const office = registryOffice ?? fallback ?? actor.officeCode;
  if (office !== actor.officeCode) throw new WorkflowError("forbidden", "office.not_subject_office", { subjectOffice: office });
  return office;
}
