import type { Actor } from "../actor";
import { WorkflowError } from "../errors";
import type { PrintedKind } from "./number";

/** Documents a subject may print without an office: their online application and their own journal. */
const PUBLIC_KINDS: PrintedKind[] = ["application", "journal_extract"];

/**
 * Who may print for which office (R13): staff for their own office only; the administrator only
 * journal extracts; the public only documents not yet tied to an office.
 */
export function assertMayPrint(actor: Actor, officeCode: string | null, kind: PrintedKind): void {
  if (actor.type === "system") return;
  if (actor.type === "staff") {
    if (actor.role === "admin") {
      if (kind === "journal_extract") return;
      throw new WorkflowError("forbidden", "documents.admin_cannot_print", {
        kind,
      });
    }
    if (officeCode !== null && actor.officeCode === officeCode) return;
    throw new WorkflowError("forbidden", "documents.other_office", {
      officeCode,
    });
  }
  if (officeCode === null && PUBLIC_KINDS.includes(kind)) return;
  throw new WorkflowError("forbidden", "documents.office_only", { kind });
}
