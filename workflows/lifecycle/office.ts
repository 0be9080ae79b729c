import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { offices, taxpayers } from "../../db/schema";
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

/** An office as people are told about it: where to go, not just its code. */
export interface OfficeRef {
  code: string;
  name: string;
  address: string;
  timeZone: string;
}

const officeRefColumns = { code: offices.code, name: offices.name, address: offices.address, timeZone: offices.timeZone };

/** The office with this code, named and with its address (null for no code or an unknown one). */
export async function officeRef(tx: DbOrTx, code: string | null | undefined): Promise<OfficeRef | null> {
  if (!code) return null;
  const [row] = await tx.select(officeRefColumns).from(offices).where(eq(offices.code, code));
  return row ?? null;
}

/**
 * The office responsible for a subject (R13, as responsibleOffice decides it: the registry's office,
 * else `fallback`), named and with its address, in one statement.
 */
export async function responsibleOfficeRef(tx: DbOrTx, inn: string, fallback: string | null): Promise<OfficeRef | null> {
  const [row] = await tx
    .select(officeRefColumns)
    .from(offices)
    .where(eq(offices.code, sql`coalesce((select ${taxpayers.officeCode} from ${taxpayers} where ${taxpayers.inn} = ${inn}), ${fallback}::text)`));
  return row ?? null;
}
