import { WorkflowError } from "./errors";

/** Who causes an event. Staff act for their office; the public and API clients act for a subject. */
export type StaffRole = "inspector" | "supervisor" | "admin";

export type StaffActor = {
  type: "staff";
  id: string;
  role: StaffRole;
  officeCode: string | null;
  fullName: string;
};

export type Actor =
  | StaffActor
  | { type: "public" }
  | { type: "system" }
  | { type: "api"; clientId: string }
  | { type: "subject"; inn: string };

/** The role recorded in the journal. */
export function actorRole(actor: Actor): string {
  return actor.type === "staff" ? actor.role : actor.type;
}

export function actorId(actor: Actor): string | null {
  return actor.type === "staff" ? actor.id : null;
}

/** What only an administrator may do (accounts, offices, keys, unlocking, notices): checked by the action itself. */
export function requireAdmin(actor: StaffActor): void {
  if (actor.role !== "admin") throw new WorkflowError("forbidden", "forbidden");
}
