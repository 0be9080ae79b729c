import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { clearSessionCookie, getStaff } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { invalidateSession } from "~/utils/session.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  await readForm(request);
  const staff = await getStaff(request);
  if (staff) await invalidateSession(await db(), staff.sessionId);
  return redirect("/login", { headers: { "Set-Cookie": await clearSessionCookie() } });
}
