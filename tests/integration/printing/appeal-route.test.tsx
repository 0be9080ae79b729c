import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../db/client";
import { DEFAULT_APPEAL_ROUTE, renderDocument, WORDS, type AppealRoute, type PaperLanguage } from "../../../templates";
import type { StaffActor } from "../../../workflows/actor";
import { grantAccess, refuseAccess } from "../../../workflows";
import { renderProps, type IssuedDocument } from "../../../workflows/documents";
import { configureAppealRoute, printDocument, refusalAppeal } from "../../../workflows/printing";
import { renderingI18n } from "../../../app/utils/i18n.server";
import { releaseAppDatabase, useAppDatabase } from "../../support/app-db";
import { createTestDb } from "../../support/db";
import { acceptedApplication, createOffice, createStaff, createTaxpayer } from "../../support/factories";
import { call, csrfCookieHeader, postForm } from "../../support/http";
import { hasPoppler, pageText, writePdf } from "../../unit/templates/pdf-tools";

/**
 * The appeal route on a refusal (issue 17, decision 059): the installation's route is fixed in the
 * refusal's payload when it is issued; the paper prints it in every paper language, a reprint
 * prints what was issued whatever the setting says later, and /status shows the same route.
 */
type Fn = (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<unknown>;
type PageModule = { loader?: Fn; action?: Fn; default: React.ComponentType };

let h: DbHandle;
let insp: StaffActor;
let root: { loader: Fn };
const T0 = new Date("2026-03-10T04:00:00Z");
const min = (n: number) => new Date(T0.getTime() + n * 60_000);

const OSH: AppealRoute = {
  body: { ky: "Ош облусу боюнча салык башкармалыгы же Ош шаардык соту", ru: "Налоговое управление по Ошской области либо Ошский городской суд" },
  timeLimit: { ky: "чечим тапшырылган күндөн тартып 30 календардык күндүн ичинде", ru: "в течение 30 календарных дней со дня вручения решения" },
  address: { ky: "Ош ш., Ленин көчөсү, 205, 12-бөлмө", ru: "г. Ош, ул. Ленина, 205, каб. 12" },
};
const NARYN: AppealRoute = {
  body: { ky: "Нарын облусу боюнча салык башкармалыгы", ru: "Налоговое управление по Нарынской области" },
  timeLimit: { ky: "бир айдын ичинде", ru: "в течение одного месяца" },
  address: { ky: "Нарын ш., Ленин көчөсү, 1", ru: "г. Нарын, ул. Ленина, 1" },
};

async function pdfText(doc: IssuedDocument, languages: readonly PaperLanguage[] = ["ky", "ru"], page = 1) {
  const pdf = await renderDocument("decision_refusal", renderProps(doc, { baseUrl: "https://cabinet.example.kg", languages }) as never);
  return pageText(writePdf(pdf, "refusal"), page);
}

/** A refused application of a deregistered subject, its refusal printed now under the route configured now. */
async function refusedAndPrinted(at: Date) {
  const inn = await createTaxpayer(h.db, "001", { status: "deregistered" });
  const app = await acceptedApplication(h.db, insp, inn, at);
  const { decisionId } = await refuseAccess(h.db, insp, app.id, [{ ground: "no_registration" }], new Date(at.getTime() + 5 * 60_000));
  const doc = await printDocument(h.db, insp, { source: "decision", id: decisionId }, new Date(at.getTime() + 6 * 60_000));
  return { inn, app, decisionId, doc };
}

/** Every part of the route, in each language, as the paper prints it (a full stop closes each). */
function expectRouteIn(text: string, route: AppealRoute, languages: readonly PaperLanguage[]) {
  for (const l of languages) {
    expect(text).toContain(WORDS[l].appeal.title.toUpperCase());
    expect(text).toContain(`${WORDS[l].appeal.body}: ${route.body[l]}.`);
    expect(text).toContain(`${WORDS[l].appeal.timeLimit}: ${route.timeLimit[l]}.`);
    expect(text).toContain(`${WORDS[l].appeal.address}: ${route.address[l]}.`);
  }
}

/** The status page as the server renders it after the lookup (POST inn + code), in a page language. */
async function statusPage(inn: string, code: string, lng: "ru" | "ky" | "en"): Promise<string> {
  const page = (await import("../../../app/routes/status._index")) as unknown as PageModule;
  const asData = (fn: Fn) => async ({ request: r, params }: { request: Request; params: Record<string, string | undefined> }) =>
    (await call(fn, r, params as Record<string, string>)).json();
  const routes = [
    {
      id: "root",
      path: "/",
      loader: asData(root.loader),
      children: [{ id: "page", path: "status", action: asData(page.action!), Component: page.default }],
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(postForm("/status", { inn, code }, await csrfCookieHeader()));
  if (context instanceof Response) throw new Error(`page answered ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(
    <I18nextProvider i18n={await renderingI18n(lng)}>
      <StaticRouterProvider router={router} context={context} hydrate={false} />
    </I18nextProvider>,
  );
}

const escaped = (text: string) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

beforeAll(async () => {
  h = await createTestDb();
  useAppDatabase(h);
  await createOffice(h.db, "001");
  insp = await createStaff(h.db, "inspector", "001");
  root = (await import("../../../app/root")) as unknown as { loader: Fn };
}, 120_000);
afterEach(() => configureAppealRoute(null));
afterAll(async () => {
  releaseAppDatabase();
  await h.close();
});

describe("the appeal route on a refusal", () => {
  it("with nothing configured, the refusal is issued with the default route and prints it in Kyrgyz and Russian", async () => {
    const { doc } = await refusedAndPrinted(T0);
    expect(doc.payload).toMatchObject({ appeal: DEFAULT_APPEAL_ROUTE });
    if (!hasPoppler) return;
    const subjectCopy = await pdfText(doc);
    expectRouteIn(subjectCopy, DEFAULT_APPEAL_ROUTE, ["ky", "ru"]);
    expect(subjectCopy).toContain("ДАТТАНУУ ТАРТИБИ / ПОРЯДОК ОБЖАЛОВАНИЯ");
    // The office copy, the one the subject signs for, carries it too.
    expectRouteIn(await pdfText(doc, ["ky", "ru"], 2), DEFAULT_APPEAL_ROUTE, ["ky", "ru"]);
    // A Russian-only installation prints the Russian route only.
    const russian = await pdfText(doc, ["ru"]);
    expectRouteIn(russian, DEFAULT_APPEAL_ROUTE, ["ru"]);
    expect(russian).not.toContain(DEFAULT_APPEAL_ROUTE.body.ky);
  });

  it("the installation's route is fixed when the refusal is issued: a reprint after the setting changed prints what was issued, a new refusal the new route", async () => {
    configureAppealRoute(OSH);
    const earlier = await refusedAndPrinted(min(60));
    expect(earlier.doc.payload).toMatchObject({ appeal: OSH });

    configureAppealRoute(NARYN);
    const reprint = await printDocument(h.db, insp, { source: "decision", id: earlier.decisionId }, min(90));
    expect(reprint).toMatchObject({ id: earlier.doc.id, duplicate: true, contentHash: earlier.doc.contentHash });
    expect(reprint.payload).toEqual(earlier.doc.payload);
    const later = await refusedAndPrinted(min(120));
    expect(later.doc.payload).toMatchObject({ appeal: NARYN });
    expect(await refusalAppeal(h.db, earlier.decisionId)).toEqual({ state: "printed", route: OSH });
    expect(await refusalAppeal(h.db, later.decisionId)).toEqual({ state: "printed", route: NARYN });

    if (!hasPoppler) return;
    const reprinted = await pdfText(reprint);
    expect(reprinted).toContain("ДУБЛИКАТ");
    expectRouteIn(reprinted, OSH, ["ky", "ru"]);
    for (const l of ["ky", "ru"] as const) expect(reprinted).not.toContain(NARYN.address[l]);
    expectRouteIn(await pdfText(later.doc), NARYN, ["ky", "ru"]);
  });

  it("/status of a refused application shows the route of its issued refusal, in the page's language; before the first print it says the paper will carry it", async () => {
    configureAppealRoute(OSH);
    const inn = await createTaxpayer(h.db, "001", { status: "deregistered" });
    const app = await acceptedApplication(h.db, insp, inn, min(200));
    const { decisionId } = await refuseAccess(h.db, insp, app.id, [{ ground: "no_registration" }], min(205));

    const unprinted = await statusPage(inn, app.code, "ru");
    expect(unprinted).toContain('data-testid="status-appeal"');
    expect(unprinted).toContain("Порядок обжалования будет указан в решении");
    expect(unprinted).not.toContain(escaped(OSH.address.ru));

    await printDocument(h.db, insp, { source: "decision", id: decisionId }, min(206));
    // The setting changes after the issue: the page says what the paper says.
    configureAppealRoute(NARYN);
    const ru = await statusPage(inn, app.code, "ru");
    for (const text of [OSH.body.ru, OSH.timeLimit.ru, OSH.address.ru]) expect(ru).toContain(escaped(text));
    expect(ru).not.toContain(escaped(NARYN.address.ru));
    const ky = await statusPage(inn, app.code, "ky");
    expect(ky).toContain("Даттануу тартиби");
    for (const text of [OSH.body.ky, OSH.timeLimit.ky, OSH.address.ky]) expect(ky).toContain(escaped(text));
    // English has no paper: the Russian of the paper, marked as Russian.
    const en = await statusPage(inn, app.code, "en");
    expect(en).toContain("How to appeal");
    expect(en).toContain(`<dd lang="ru">${escaped(OSH.address.ru)}</dd>`);
  });

  it("a granted application has no appeal route on /status", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const app = await acceptedApplication(h.db, insp, inn, min(300));
    const { decisionId } = await grantAccess(h.db, insp, app.id, min(305));
    await printDocument(h.db, insp, { source: "decision", id: decisionId }, min(306));
    const html = await statusPage(inn, app.code, "ru");
    expect(html).toContain('data-testid="status-result"');
    expect(html).not.toContain('data-testid="status-appeal"');
  });
});
