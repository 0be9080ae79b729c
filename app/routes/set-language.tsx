import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { setStaffLocale } from "../../workflows/auth/staff";
import { getStaff, safeRedirect } from "~/utils/auth.server";
import { languageCookie } from "~/utils/cookies.server";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { isLng } from "~/utils/i18n";

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const lng = form.get("lng");
  const to = safeRedirect(form.get("redirectTo"), "/");
  if (!isLng(lng)) return redirect(to);
  const staff = await getStaff(request);
  if (staff) await setStaffLocale(await db(), staff.user.id, lng);
  return redirect(to, { headers: { "Set-Cookie": await languageCookie().serialize(lng) } });
}

export async function loader() {
  return redirect("/");
}
