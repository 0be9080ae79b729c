import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OFFICE_ROLES, requireStaff } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, OFFICE_ROLES);
  return { fullName: staff.user.fullName, officeCode: staff.user.officeCode };
}

export default function DeskHome() {
  const { t } = useTranslation("desk");
  const { fullName } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="desk-title">
      <h1 id="desk-title">{t("queue.title")}</h1>
      <p className="muted">{t("queue.greeting", { name: fullName })}</p>
      <p>{t("queue.empty")}</p>
    </section>
  );
}
