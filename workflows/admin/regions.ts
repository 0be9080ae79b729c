import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "../../db/client";
import { offices, regions } from "../../db/schema";
import { requireAdmin, type StaffActor } from "../actor";
import { WorkflowError } from "../errors";
import { appendJournal } from "../journal";

/** Regions and the offices in them (decision 067): what an administrator manages. */
export const regionSchema = z.object({
  code: z.string({ message: "region.code_format" }).trim().toUpperCase().regex(/^[A-Z0-9-]{2,12}$/, "region.code_format"),
  name: z.string({ message: "region.name_required" }).trim().min(3, "region.name_required").max(200, "region.name_too_long"),
});

/** A region named by a form must exist. */
export async function requireRegion(tx: DbOrTx, code: string): Promise<void> {
  const [region] = await tx.select({ code: regions.code }).from(regions).where(eq(regions.code, code));
  if (!region) throw new WorkflowError("validation", "region.unknown", { field: "regionCode" });
}

export function listRegions(db: Db) {
  return db.select({ code: regions.code, name: regions.name }).from(regions).orderBy(asc(regions.code));
}

export async function createRegion(db: Db, actor: StaffActor, input: z.infer<typeof regionSchema>) {
  requireAdmin(actor);
  await db.transaction(async (tx) => {
    const [taken] = await tx.select({ code: regions.code }).from(regions).where(eq(regions.code, input.code));
    if (taken) throw new WorkflowError("validation", "region.code_taken", { field: "code" });
    await tx.insert(regions).values(input);
    await appendJournal(tx, { actor, officeCode: null, action: "region.created", entityType: "region", entityId: input.code, after: input });
  });
}

/** Places an office in a region, or takes it out of any (null). */
export async function setOfficeRegion(db: Db, actor: StaffActor, officeCode: string, regionCode: string | null) {
  requireAdmin(actor);
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ regionCode: offices.regionCode }).from(offices).where(eq(offices.code, officeCode)).for("update");
    if (!before) throw new WorkflowError("not_found", "not_found");
    if (regionCode) await requireRegion(tx, regionCode);
    if (before.regionCode === regionCode) return;
    await tx.update(offices).set({ regionCode }).where(eq(offices.code, officeCode));
    await appendJournal(tx, {
      actor,
      officeCode: null,
      action: "office.region_changed",
      entityType: "office",
      entityId: officeCode,
      before: { regionCode: before.regionCode },
      after: { regionCode },
    });
  });
}
