import { sql } from "drizzle-orm";
import { db } from "~/utils/db.server";

/** Health: answers 200 only when the database answers. */
export async function loader() {
  try {
    await (await db()).execute(sql`select 1`);
    return Response.json({ status: "ok", database: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ status: "error", database: "unreachable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
