import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { count } from "drizzle-orm";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { journalEntries, offices, staffUsers, taxpayers } from "../../db/schema";
import { ADMIN_ROLES, requireStaff } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Администрирование · Administration" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, ADMIN_ROLES);
  const database = await db();
  const [[o], [s], [t], [j]] = await Promise.all([
    database.select({ n: count() }).from(offices),
    database.select({ n: count() }).from(staffUsers),
    database.select({ n: count() }).from(taxpayers),
    database.select({ n: count() }).from(journalEntries),
  ]);
  return { offices: o.n, staff: s.n, taxpayers: t.n, journal: j.n };
}

export default function AdminHome() {
  const { t } = useTranslation("admin");
  const c = useLoaderData<typeof loader>();
  const cards = [
    { to: "/admin/offices", label: t("home.offices"), n: c.offices },
    { to: "/admin/staff", label: t("home.staff"), n: c.staff },
    { to: "/admin/registry", label: t("home.taxpayers"), n: c.taxpayers },
    { to: "/admin/journal", label: t("home.journal"), n: c.journal },
  ];
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">{t("home.title")}</h1>
      <div className="grid-2">
        {cards.map((card) => (
          <div className="panel" key={card.to}>
            <h2><Link to={card.to}>{card.label}</Link></h2>
            <p className="countdown">{card.n.toLocaleString("ru-RU")}</p>
          </div>
        ))}
      </div>
    </section>
  );
}
