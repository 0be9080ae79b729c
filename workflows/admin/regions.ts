import { asc, count, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "../../db/client";
import { offices, regions, staffUsers } from "../../db/schema";
import { requireAdmin, type StaffActor } from "../actor";
import { WorkflowError } from "../errors";
import { appendJournal } from "../journal";

/** Regions and the offices in them (decision 067): what an administrator manages. */
export const regionSchema = z.object({
  code: z.string({ message: "region.code_format" }).trim().toUpperCase().regex(/^[A-Z0-9-]{2,12}$/, "region.code_format"),
  name: z.string({ message: "region.name_required" }).trim().min(3, "region.name_required").max(200, "region.name_too_long"),
});

/**
 * A region named by a form must exist. Its row is held (key share) until the caller commits, so a
 * deletion of the same region waits for the placement and then sees it, or the placement finds the
 * region gone: either way a clear message, never a foreign-key error.
 */
export async function requireRegion(tx: DbOrTx, code: string): Promise<void> {
  const [region] = await tx.select({ code: regions.code }).from(regions).where(eq(regions.code, code)).for("key share");
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

export const regionNameSchema = regionSchema.pick({ name: true });

/** A region's new name; its code, which offices and supervisors refer to, stays. */
export async function renameRegion(db: Db, actor: StaffActor, code: string, input: z.infer<typeof regionNameSchema>) {
  requireAdmin(actor);
  await db.transaction(async (tx) => {
    // The code stays, so placements naming the region (key share) need not wait for a rename.
    const [before] = await tx.select({ name: regions.name }).from(regions).where(eq(regions.code, code)).for("no key update");
    if (!before) throw new WorkflowError("not_found", "region.unknown");
    if (before.name === input.name) return;
    await tx.update(regions).set({ name: input.name }).where(eq(regions.code, code));
    await appendJournal(tx, { actor, officeCode: null, action: "region.renamed", entityType: "region", entityId: code, before: { name: before.name }, after: { name: input.name } });
  });
}

/**
 * Deletes a region no office is in and no supervisor oversees: an administrator moves them first,
 * so nobody's view narrows as a side effect of a deletion.
 */
export async function deleteRegion(db: Db, actor: StaffActor, code: string) {
  requireAdmin(actor);
  await db.transaction(async (tx) => {
    const [region] = await tx.select({ name: regions.name }).from(regions).where(eq(regions.code, code)).for("update");
    if (!region) throw new WorkflowError("not_found", "region.unknown");
    const [[inOffices], [overseen]] = await Promise.all([
      tx.select({ n: count() }).from(offices).where(eq(offices.regionCode, code)),
      tx.select({ n: count() }).from(staffUsers).where(eq(staffUsers.regionCode, code)),
    ]);
    if (Number(inOffices.n) > 0) throw new WorkflowError("conflict", "region.has_offices", { count: Number(inOffices.n) });
    if (Number(overseen.n) > 0) throw new WorkflowError("conflict", "region.has_supervisors", { count: Number(overseen.n) });
    await tx.delete(regions).where(eq(regions.code, code));
    await appendJournal(tx, { actor, officeCode: null, action: "region.deleted", entityType: "region", entityId: code, before: { code, name: region.name } });
  });
}
