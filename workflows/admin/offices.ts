import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { offices } from "../../db/schema";
import type { StaffActor } from "../actor";
import { DEFAULT_TIME_ZONE } from "../clock/deadlines";
import { WorkflowError } from "../errors";
import { appendJournal } from "../journal";

export const officeSchema = z.object({
  code: z.string({ message: "office.code_format" }).trim().regex(/^\d{3}$/, "office.code_format"),
  name: z.string({ message: "office.name_required" }).trim().min(3, "office.name_required").max(300, "office.name_too_long"),
  address: z.string({ message: "office.address_required" }).trim().min(3, "office.address_required").max(300, "office.address_too_long"),
  headName: z.string({ message: "office.head_required" }).trim().min(3, "office.head_required").max(200, "office.head_too_long"),
  timeZone: z
    .string()
    .trim()
    .default(DEFAULT_TIME_ZONE)
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "office.time_zone_unknown"),
});

export type OfficeInput = z.infer<typeof officeSchema>;

export function listOffices(db: Db) {
  return db.select().from(offices).orderBy(asc(offices.code));
}

/** Creates an office or updates one (by code). Journaled with before/after. */
export async function saveOffice(db: Db, actor: StaffActor, input: OfficeInput) {
  if (actor.role !== "admin") throw new WorkflowError("forbidden", "forbidden");
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(offices).where(eq(offices.code, input.code)).for("update");
    if (before) {
      await tx.update(offices).set(input).where(eq(offices.code, input.code));
    } else {
      await tx.insert(offices).values(input);
    }
    await appendJournal(tx, {
      actor,
      officeCode: null,
      action: before ? "office.updated" : "office.created",
      entityType: "office",
      entityId: input.code,
      before: before ? { name: before.name, address: before.address, headName: before.headName, timeZone: before.timeZone } : null,
      after: input,
    });
  });
}
