import { eq } from "drizzle-orm";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../db/client";
import { DEMO_INNS, seedDemoData } from "../../../db/seed";
import { offices, staffUsers } from "../../../db/schema";
import { submitApplication, type StaffActor } from "../../../workflows";
import { OFFICE_TIME_ZONE } from "../../../app/utils/dates";
import { renderingI18n } from "../../../app/utils/i18n.server";
import { releaseAppDatabase, useAppDatabase } from "../../support/app-db";
import { createTestDb } from "../../support/db";
import { acceptedApplication, validForm } from "../../support/factories";
import { call, csrfCookieHeader, getRequest, postForm, staffCookies } from "../../support/http";

/**
 * Every page reads an instant in the zone of the office it speaks for: a staff page in the signed-in
 * member's office zone, the applicant's status page in the application's office zone, never the
 * installation's default. Office 002 is moved to Tokyo (UTC+9), three hours from the default (UTC+6).
 */
type Fn = (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<unknown>;
type PageModule = { loader?: Fn; action?: Fn; default: React.ComponentType };

let h: DbHandle;
let root: { loader: Fn };
const cookies: Record<string, string> = {};
const inn002 = DEMO_INNS.registered["002"].individual;
const at = new Date("2026-12-01T04:00:00Z"); // 10:00 in Bishkek, 13:00 in Tokyo

/** Renders a page under the root route as the server would: root loader, page loader/action, component. */
async function render(page: PageModule, request: Request): Promise<string> {
  const asData = (fn: Fn) => async ({ request: r, params }: { request: Request; params: Record<string, string | undefined> }) =>
    (await call(fn, r, params as Record<string, string>)).json();
  const path = new URL(request.url).pathname.slice(1);
  const routes = [
    {
      id: "root",
      path: "/",
      loader: asData(root.loader),
      children: [{ id: "page", path, loader: page.loader && asData(page.loader), action: page.action && asData(page.action), Component: page.default }],
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(request);
  if (context instanceof Response) throw new Error(`page answered ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  const i18n = await renderingI18n("ru");
  return renderToString(
    <I18nextProvider i18n={i18n}>
      <StaticRouterProvider router={router} context={context} hydrate={false} />
    </I18nextProvider>,
  );
}

async function actor(username: string): Promise<StaffActor> {
  const [u] = await h.db.select().from(staffUsers).where(eq(staffUsers.username, username));
  return { type: "staff", id: u.id, role: u.role, officeCode: u.officeCode, fullName: u.fullName };
}

beforeAll(async () => {
  h = await createTestDb();
  await seedDemoData(h.db);
  await h.db.update(offices).set({ timeZone: "Asia/Tokyo" }).where(eq(offices.code, "002"));
  useAppDatabase(h);
  for (const u of ["inspector.lenin", "inspector.oktyabr", "admin"]) cookies[u] = await staffCookies(h, u);
  root = (await import("../../../app/root")) as unknown as { loader: Fn };
}, 120_000);
afterAll(async () => {
  releaseAppDatabase();
  await h.close();
});

describe("times in the office's own zone", () => {
  it("the root loader hands staff pages the signed-in member's office zone, the default to an administrator and the public", async () => {
    const zoneOf = async (cookie: string) => ((await (await call(root.loader, getRequest("/", cookie))).json()) as { timeZone: string }).timeZone;
    expect(await zoneOf(cookies["inspector.lenin"])).toBe("Asia/Tokyo");
    expect(await zoneOf(cookies["inspector.oktyabr"])).toBe("Asia/Bishkek");
    expect(await zoneOf(cookies["admin"])).toBe(OFFICE_TIME_ZONE);
    expect(await zoneOf("")).toBe(OFFICE_TIME_ZONE);
  });

  it("the desk queue shows the presentation time in the inspector's office zone", async () => {
    await acceptedApplication(h.db, await actor("inspector.lenin"), inn002, at);
    const page = (await import("../../../app/routes/desk._index")) as unknown as PageModule;
    const html = await render(page, getRequest("/desk", cookies["inspector.lenin"]));
    // Presented a minute after saving: 13:01 in Tokyo, not 10:01 as in the default zone.
    expect(html).toContain("<td>01.12.2026 13:01</td>");
    expect(html).not.toContain("01.12.2026 10:01");
  });

  it("the status page shows the saving time in the application's office zone", async () => {
    const saved = await submitApplication(h.db, validForm(DEMO_INNS.registered["002"].entrepreneur, { subjectType: "entrepreneur" }), at);
    const page = (await import("../../../app/routes/status._index")) as unknown as PageModule;
    const html = await render(page, postForm("/status", { inn: DEMO_INNS.registered["002"].entrepreneur, code: saved.code }, await csrfCookieHeader()));
    expect(html).toContain('data-testid="status-result"');
    expect(html).toContain("<dd>01.12.2026 13:00</dd>");
    expect(html).not.toContain("01.12.2026 10:00");
  });
});
