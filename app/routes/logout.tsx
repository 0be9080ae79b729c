import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { clearSessionCookie, getSession } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { invalidateSession } from "~/utils/session.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  await readForm(request);
  // Any session ends here, one still at its second step too.
  const session = await getSession(request);
  if (session) await invalidateSession(await db(), session.sessionId);
  return redirect("/login", { headers: { "Set-Cookie": await clearSessionCookie() } });
}
