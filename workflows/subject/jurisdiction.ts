import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { offices, staffUsers } from "../../db/schema";
import type { StaffActor } from "../actor";
import { WorkflowError } from "../errors";

export interface OfficeInScope {
  code: string;
  name: string;
  timeZone: string;
  regionCode: string | null;
}

export interface Jurisdiction {
  kind: "office" | "region" | "country";
  regionCode: string | null;
  /** The actor's own office: where they act (R13), and what their pages show first. */
  home: string;
  /** Every office whose boards and statistics the actor sees, their own first. */
  offices: OfficeInScope[];
}

/**
 * What a staff member sees (decision 067): their own office; the offices of their region; or every
 * office. Read from the account on each call, so a change by an administrator holds at the next
 * request. Seeing is all it widens: every act still checks the office of registration itself.
 */
export async function jurisdictionOf(db: Db, actor: StaffActor): Promise<Jurisdiction> {
  if (!actor.officeCode) throw new WorkflowError("forbidden", "forbidden");
  const [me] = await db.select({ kind: staffUsers.jurisdiction, regionCode: staffUsers.regionCode }).from(staffUsers).where(eq(staffUsers.id, actor.id));
  if (!me) throw new WorkflowError("forbidden", "forbidden");
  const all = await db
    .select({ code: offices.code, name: offices.name, timeZone: offices.timeZone, regionCode: offices.regionCode })
    .from(offices)
    .orderBy(asc(offices.code));
  const home = actor.officeCode;
  const seen = all.filter((o) => o.code === home || me.kind === "country" || (me.kind === "region" && o.regionCode === me.regionCode));
  return { kind: me.kind, regionCode: me.regionCode, home, offices: [...seen.filter((o) => o.code === home), ...seen.filter((o) => o.code !== home)] };
}

/** The office a page asks for (`?office=`), if the actor sees it; their own office when none is asked. */
export function officeInScope(scope: Jurisdiction, asked: string | null | undefined): OfficeInScope {
  const code = asked || scope.home;
  const office = scope.offices.find((o) => o.code === code);
  if (!office) throw new WorkflowError("forbidden", "forbidden");
  return office;
}

/**
 * The office a read of another office's records covers, checked by the read itself (decision 074),
 * not only by the page that asks: the one asked if the actor sees it, else forbidden; their own
 * when none is asked, which needs no query.
 */
export async function requireOfficeSeen(db: Db, actor: StaffActor & { officeCode: string }, asked: string | null | undefined): Promise<string> {
  if (!asked || asked === actor.officeCode) return actor.officeCode;
  return officeInScope(await jurisdictionOf(db, actor), asked).code;
}
