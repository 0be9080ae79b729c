import { desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { registryImports, staffUsers, type RegistryImportStatus } from "../../db/schema";
import type { Actor } from "../actor";
import { WorkflowError } from "../errors";

/** One import as the administrators' page shows it, running or ended. */
export interface ImportProgress {
  id: string;
  status: RegistryImportStatus;
  fileName: string | null;
  startedBy: string | null;
  startedAt: Date;
  progressAt: Date;
  endedAt: Date | null;
  bytesRead: number;
  bytesTotal: number | null;
  rowsRead: number;
  /** Counts of an ended import (completed: what changed; failed: how far it got). */
  report: Record<string, unknown> | null;
  failure: string | null;
}

/** The latest imports, newest first: what is running now and how the last ones ended. */
export async function recentImports(db: Db, actor: Actor, limit = 10): Promise<ImportProgress[]> {
  if (!(actor.type === "staff" && actor.role === "admin")) throw new WorkflowError("forbidden", "forbidden");
  const rows = await db
    .select({
      id: registryImports.id,
      status: registryImports.status,
      fileName: registryImports.fileName,
      startedBy: staffUsers.fullName,
      startedAt: registryImports.startedAt,
      progressAt: registryImports.progressAt,
      endedAt: registryImports.endedAt,
      bytesRead: registryImports.bytesRead,
      bytesTotal: registryImports.bytesTotal,
      rowsRead: registryImports.rowsRead,
      report: registryImports.report,
      failure: registryImports.failure,
    })
    .from(registryImports)
    .leftJoin(staffUsers, eq(staffUsers.id, registryImports.startedBy))
    .orderBy(desc(registryImports.startedAt))
    .limit(limit);
  return rows.map((r) => ({ ...r, report: (r.report as Record<string, unknown> | null) ?? null }));
}
