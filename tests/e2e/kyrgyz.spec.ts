import { expect, test, type Page } from "@playwright/test";
import { demoRegistry, DEMO_OFFICES, DEMO_STAFF, EVIDENCE_ISSUERS } from "../../db/seed/demo-data";
import { expectAccessible, saveScreenshot } from "./a11y";
import { allStrings, say } from "./catalog";
import { DEMO_PASSWORDS, enterCode, hydrated, signIn, signOut, totpCode } from "./demo";

// Issue 15: every page in Kyrgyz, as a browser that asks for Kyrgyz sees it (Accept-Language: ky).
// Each page is checked for raw catalog keys, for Russian fixed text, for text cut by its box, and
// with axe; its screenshot goes to artifacts/screenshots/ky-*.png. The walk takes the pages
// through the states that show their messages: an application granted and one refused at the
// desk, evidence and a proposal on the subject's card, the supervisor's approval, the
// administrator's pages.
// Many pages per test, each with axe: longer than the default minute on a shared machine.
test.describe.configure({ mode: "serial", timeout: 300_000 });
test.use({ locale: "ky-KG" });

const ky = (key: string, values?: Record<string, string | number>) => say("ky", key, values);

// Subjects of office 002 no other browser test uses: generated ones of the demo registry.
const registry = demoRegistry();
const evidenceInns = new Set(registry.evidence.map((e) => e.inn));
const of002 = registry.taxpayers.filter((t, i) => t.officeCode === "002" && i >= 16 && !evidenceInns.has(t.inn));
const GRANTED = of002.find((t) => t.subjectType === "individual" && t.registrationStatus === "registered")!;
const REFUSED = of002.find((t) => t.subjectType === "individual" && t.registrationStatus === "deregistered")!;
const PASSWORD = "Salyk#2026ky";
let grantedCode = "";

/**
 * Data, not fixed text: the demo offices, staff and registry (names and addresses are shown as
 * typed), the evidence issuers, and what this test types itself. These strings are taken out of
 * a page's text before its words are looked at.
 */
const TYPED = ["Кыргызова Айпери Бакыт кызы", "ФД-2026/42", "Экономикалык иликтөөлөр кызматы", "Кабинет, сыноо"];
const DATA_STRINGS = [
  ...DEMO_OFFICES.flatMap((o) => [o.name, o.address, o.headName]),
  ...DEMO_STAFF.map((s) => s.fullName),
  ...registry.taxpayers.map((t) => t.name),
  ...registry.evidence.map((e) => e.documentNumber),
  ...EVIDENCE_ISSUERS,
  ...TYPED,
].sort((a, b) => b.length - a.length);
const wordsOf = (text: string) => text.toLowerCase().match(/[а-яёөүң]+/g) ?? [];

/** Words only the Russian catalogs use (not the Kyrgyz ones), and common Russian words besides. */
const kyWords = new Set([...allStrings("ky").values()].flatMap(wordsOf));
const RUSSIAN_WORDS = new Set(
  [
    ...[...allStrings("ru").values()].flatMap(wordsOf),
    ...["и", "в", "во", "на", "с", "со", "по", "для", "от", "из", "или", "что", "это", "как", "не", "нет", "при", "к", "о", "об", "же", "ли", "уже", "ещё", "еще", "если", "чтобы", "только", "также"],
  ].filter((w) => !kyWords.has(w)),
);

/** Texts with Russian fixed text in them, each with the Russian words found (by words, not letters: the Kyrgyz alphabet has every Russian letter, ё in «коёсуз», ъ in «субъект»). */
function russianIn(texts: string[]): string[] {
  return texts.flatMap((t) => {
    const found = wordsOf(DATA_STRINGS.reduce((rest, d) => rest.replaceAll(d, " "), t)).filter((w) => RUSSIAN_WORDS.has(w));
    return found.length ? [`${t} [${found.join(", ")}]`] : [];
  });
}

/** `desk:queue.title`, or a bare catalog path such as `queue.title` / `errors.not_found` shown as text. */
const NAMESPACES = ["common", "public", "apply", "status", "refuse", "verify", "auth", "desk", "subject", "supervisor", "admin", "journal", "api"];
const QUALIFIED_KEY = new RegExp(`\\b(?:${NAMESPACES.join("|")}):[A-Za-z_][\\w.-]*`);
const CATALOG_PATHS = new Set([...allStrings("ky").keys()].map((k) => k.slice(k.indexOf(":") + 1)).filter((p) => p.includes(".")));
const KEY_LIKE = /\b[a-z][a-zA-Z]*(?:\.[a-zA-Z_][a-zA-Z0-9_]*)+\b/g;

/** Raw keys in texts: qualified ones, catalog paths, and dotted words with `_` or camelCase (usernames such as inspector.lenin are neither). */
function rawKeysIn(texts: string[]): string[] {
  return texts.flatMap((t) => [
    ...(QUALIFIED_KEY.test(t) ? [t] : []),
    ...[...t.matchAll(KEY_LIKE)].map((m) => m[0]).filter((k) => CATALOG_PATHS.has(k) || /_|[a-z][A-Z]/.test(k.slice(k.indexOf(".")))),
  ]);
}

/** Every text of the page a person can meet: text nodes (hidden ones too), labels for screen readers, titles, placeholders. */
async function textsOf(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.parentElement?.closest("script, style, template, pre") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.textContent?.trim()) out.push(n.textContent.trim());
    for (const el of document.querySelectorAll("[aria-label], [title], [placeholder], [alt], input[type=submit][value]")) {
      for (const a of ["aria-label", "title", "placeholder", "alt", "value"]) {
        const v = el.getAttribute(a);
        if (v && (a !== "value" || el.matches("input[type=submit]"))) out.push(v);
      }
    }
    return out;
  });
}

/** Elements whose text is wider than their box and clipped (overflow hidden), and a page wider than the window. */
async function cutTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cut: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth + 1) cut.push(`page is ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px window`);
    for (const el of document.querySelectorAll<HTMLElement>("body *")) {
      if (!el.offsetParent || el.closest(".sr-only, svg")) continue;
      const style = getComputedStyle(el);
      const clips = ["hidden", "clip"].includes(style.overflowX) || style.textOverflow === "ellipsis";
      if (clips && el.scrollWidth > el.clientWidth + 1 && el.textContent?.trim()) cut.push(`${el.tagName.toLowerCase()}.${el.className}: ${el.textContent.trim().slice(0, 60)}`);
    }
    return cut;
  });
}

/**
 * The browser's console errors of each page: a page whose server and browser renderings differ
 * (a hydration mismatch, e.g. a number formatted with locale data only the server has) logs one.
 * Refused requests the walk makes on purpose (a 404 or a 401 answer) are not errors of the page.
 */
const consoleErrors = new WeakMap<Page, string[]>();
test.beforeEach(({ page }) => {
  const errors: string[] = [];
  consoleErrors.set(page, errors);
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
});

/** The main pages, whose screenshots are kept for review (artifacts/screenshots/ky-*.png). */
const SCREENSHOTS = new Set([
  "home", "apply-errors", "apply-notify-error", "apply-done", "status-saved", "status-decided", "refuse-error", "login-error", "verify-not-genuine", "not-found",
  "desk-queue", "desk-application-granted", "desk-application-handed-over", "desk-application-refused", "desk-subject-proposed", "desk-approvals", "desk-board", "desk-stats",
  "admin", "admin-staff", "admin-journal-verified", "admin-api-key-created",
  "login-two-factor", "account-two-factor-enrol",
]);

/** The checks every page of the walk passes, and the screenshot of a main page. */
async function checkPage(page: Page, name: string, { a11y = true } = {}) {
  await hydrated(page);
  expect(consoleErrors.get(page) ?? [], `console errors by ${name}`).toEqual([]);
  await expect(page.locator("html")).toHaveAttribute("lang", "ky");
  const texts = await textsOf(page);
  expect(rawKeysIn(texts), `raw keys on ${name} (${page.url()})`).toEqual([]);
  expect(russianIn(texts), `Russian fixed text on ${name} (${page.url()})`).toEqual([]);
  expect(await cutTexts(page), `cut or overflowing text on ${name}`).toEqual([]);
  if (a11y) await expectAccessible(page);
  if (SCREENSHOTS.has(name)) await saveScreenshot(page, `ky-${name}`);
}

test("the walk's own checks find a raw key and Russian text where there are some", async ({ page }) => {
  for (const raw of ["desk:queue.title", "Мөөнөт: queue.decisionsTitle", "errors.not_found"]) expect(rawKeysIn([raw]), raw).not.toEqual([]);
  expect(rawKeysIn(["inspector.lenin", "/api/v1/openapi.json", "Салык органдары"])).toEqual([]);
  expect(russianIn(["Кирүү укугу берилди", DEMO_OFFICES[0].name])).toEqual([]);
  expect(russianIn(["Доступ предоставлен", `${DEMO_OFFICES[0].name} — для сотрудников`])).toHaveLength(2);
  // A page in Russian is all Russian to them.
  await page.goto("/?lng=ru");
  expect((await russianIn(await textsOf(page))).length).toBeGreaterThan(10);
});

test("public pages in Kyrgyz: home, the form with its errors, the saved application, status, refusal, sign-in, document check, not found", async ({ page }) => {
  await page.goto("/");
  await checkPage(page, "home");

  // A move to another section of the site (a client-side navigation) brings that section's catalogs.
  await page.getByRole("link", { name: ky("common:nav.apply") }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ky("apply:title"));
  await checkPage(page, "apply");
  await page.getByLabel(ky("apply:fields.hasRepresentative")).check();
  await page.getByLabel(ky("apply:fields.isMinor")).check();
  await page.getByRole("button", { name: ky("apply:submit") }).click();
  await expect(page.getByRole("alert").first()).toBeVisible();
  await checkPage(page, "apply-errors");

  await page.goto("/apply");
  await hydrated(page);
  await page.getByRole("radio", { name: ky("apply:requestKinds.grant") }).check();
  await page.getByLabel(ky("apply:fields.subjectType")).selectOption("individual");
  await page.getByLabel(ky("apply:fields.inn"), { exact: true }).fill(GRANTED.inn);
  await page.getByLabel(ky("apply:fields.name")).fill("Кыргызова Айпери Бакыт кызы");
  await page.getByLabel(ky("apply:fields.phone")).fill("+996 555 123 456");
  await page.getByLabel(ky("apply:fields.password"), { exact: true }).fill(PASSWORD);
  await page.getByLabel(ky("apply:fields.passwordConfirm")).fill(PASSWORD);
  await checkPage(page, "apply-filled", { a11y: false });
  // Notices by e-mail need an address: the e-mail field says so in Kyrgyz and nothing is saved (issue #18).
  const notices = page.getByRole("group", { name: ky("apply:fields.notify") });
  await expect(notices.getByRole("radio", { name: ky("apply:notifyChannels.none") })).toBeChecked();
  await notices.getByRole("radio", { name: ky("apply:notifyChannels.email") }).check();
  await page.getByRole("button", { name: ky("apply:submit") }).click();
  await expect(page.getByText(ky("apply:email.required_for_notices"))).toBeVisible();
  await expect(notices.getByRole("radio", { name: ky("apply:notifyChannels.email") })).toBeChecked();
  await checkPage(page, "apply-notify-error");
  await notices.getByRole("radio", { name: ky("apply:notifyChannels.sms") }).check();
  await page.getByLabel(ky("apply:fields.password"), { exact: true }).fill(PASSWORD);
  await page.getByLabel(ky("apply:fields.passwordConfirm")).fill(PASSWORD);
  await page.getByRole("button", { name: ky("apply:submit") }).click();
  await page.waitForURL(/\/apply\/done/);
  grantedCode = (await page.getByTestId("application-code").textContent())?.trim() ?? "";
  expect(grantedCode.length).toBeGreaterThan(5);
  await checkPage(page, "apply-done");

  await page.goto("/status");
  await checkPage(page, "status");
  await hydrated(page);
  await page.getByLabel(ky("status:inn")).fill(GRANTED.inn);
  await page.getByLabel(ky("status:code")).fill("2345-6789-AB");
  await page.getByRole("button", { name: ky("status:lookup") }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await checkPage(page, "status-not-found");
  await page.getByLabel(ky("status:code")).fill(grantedCode);
  await page.getByRole("button", { name: ky("status:lookup") }).click();
  await expect(page.getByRole("heading", { name: ky("status:resultTitle", { code: grantedCode }) })).toBeVisible();
  await checkPage(page, "status-saved");

  await page.goto("/refuse");
  await hydrated(page);
  await page.getByLabel(ky("refuse:login")).fill("kb-nobody");
  await page.getByLabel(ky("refuse:password")).fill("Wrong#2026z");
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: ky("refuse:submit") }).click();
  await expect(page.getByRole("alert")).toHaveText(ky("refuse:errors.invalidCredentials"));
  await checkPage(page, "refuse-error");

  await page.goto("/login");
  // Each form is filled once the page is interactive, as the other specs do: typed into and sent
  // without waiting, on a busy machine, the sign-in once left React's own error #345 ("Root did
  // not complete") in the console, though the page showed its alert.
  await hydrated(page);
  await page.getByLabel(ky("auth:signIn.username")).fill("nobody");
  await page.getByLabel(ky("auth:signIn.password")).fill("Wrong#2026z");
  await page.getByRole("button", { name: ky("auth:signIn.submit"), exact: true }).click();
  await expect(page.getByRole("alert")).toHaveText(ky("auth:invalid"));
  await checkPage(page, "login-error");

  await page.goto("/verify/00000000-0000-0000-0000-000000000000?h=0000000000000000");
  await checkPage(page, "verify-not-genuine");

  expect((await page.goto("/no-such-page"))?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ky("common:errors.http.404.title"));
  await checkPage(page, "not-found");
});

test("the language switch: Russian and back to Kyrgyz, remembered over the browser's own language", async ({ page }) => {
  await page.goto("/status");
  await hydrated(page);
  await page.getByRole("button", { name: "Русский" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(say("ru", "status:title"));
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await page.getByRole("button", { name: "Кыргызча" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ky");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ky("public:home.title"));
});

test("the inspector's pages in Kyrgyz: queue, an application through to a grant, a refusal on ground (a), search, the card with evidence and a proposal", async ({ page }) => {
  await signIn(page, "inspector", "ky");
  await checkPage(page, "desk-queue");

  // The grant: find, present, check, accept, grant.
  await page.getByLabel(ky("desk:find.inn")).fill(GRANTED.inn);
  await page.getByLabel(ky("desk:find.code")).fill(grantedCode);
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/desk\/applications\/[0-9a-f-]{36}$/);
  await checkPage(page, "desk-application-saved");
  await page.getByRole("button", { name: ky("desk:present.submit") }).click();
  await expect(page.getByText(ky("desk:present.done"))).toBeVisible();
  await checkPage(page, "desk-application-presented");
  const boxes = page.getByRole("group", { name: ky("desk:verify.legend") }).getByRole("checkbox");
  await boxes.first().check();
  await page.getByRole("button", { name: ky("desk:verify.accept") }).click();
  await expect(page.getByRole("alert").filter({ hasText: ky("desk:errors.checklist.incomplete", { missing: "" }).slice(0, 30) })).toBeVisible();
  await checkPage(page, "desk-application-accept-refused");
  for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).check();
  await page.getByRole("button", { name: ky("desk:verify.accept") }).click();
  await expect(page.getByTestId("incoming-number")).toBeVisible();
  await checkPage(page, "desk-application-accepted");
  await page.getByRole("button", { name: ky("desk:decide.grant"), exact: true }).click();
  await expect(page.getByTestId("granted-login")).toBeVisible();
  await checkPage(page, "desk-application-granted");
  await page.getByRole("button", { name: ky("desk:handOver.submit.hand_over") }).click();
  await expect(page.getByText(ky("desk:handOver.done.hand_over"))).toBeVisible();
  await checkPage(page, "desk-application-handed-over");

  // The applicant's status page now shows the decision and its hand-over.
  const visitor = await page.context().browser()!.newContext({ locale: "ky-KG" });
  const status = await visitor.newPage();
  await status.goto("/status");
  await hydrated(status);
  await status.getByLabel(ky("status:inn")).fill(GRANTED.inn);
  await status.getByLabel(ky("status:code")).fill(grantedCode);
  await status.getByRole("button", { name: ky("status:lookup") }).click();
  await expect(status.getByText(ky("status:outcomes.granted")).first()).toBeVisible();
  await checkPage(status, "status-decided");
  await visitor.close();

  // A refusal on ground (a): the deregistered subject's application, from the public form.
  const context = await page.context().browser()!.newContext({ locale: "ky-KG" });
  const applicant = await context.newPage();
  await applicant.goto("/apply");
  await applicant.getByRole("radio", { name: ky("apply:requestKinds.grant") }).check();
  await applicant.getByLabel(ky("apply:fields.inn"), { exact: true }).fill(REFUSED.inn);
  await applicant.getByLabel(ky("apply:fields.name")).fill(REFUSED.name);
  await applicant.getByLabel(ky("apply:fields.phone")).fill("+996 555 123 456");
  await applicant.getByLabel(ky("apply:fields.password"), { exact: true }).fill(PASSWORD);
  await applicant.getByLabel(ky("apply:fields.passwordConfirm")).fill(PASSWORD);
  await applicant.getByRole("button", { name: ky("apply:submit") }).click();
  await applicant.waitForURL(/\/apply\/done/);
  const refusedCode = (await applicant.getByTestId("application-code").textContent())?.trim() ?? "";
  await context.close();
  await page.goto("/desk");
  await page.getByLabel(ky("desk:find.inn")).fill(REFUSED.inn);
  await page.getByLabel(ky("desk:find.code")).fill(refusedCode);
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/desk\/applications\/[0-9a-f-]{36}$/);
  await page.getByRole("button", { name: ky("desk:present.submit") }).click();
  await expect(page.getByText(ky("desk:present.done"))).toBeVisible();
  for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).check();
  await page.getByRole("button", { name: ky("desk:verify.accept") }).click();
  await expect(page.getByTestId("checks-verdict")).toHaveText(ky("desk:checks.summaryRefuse"));
  await checkPage(page, "desk-application-refusal-grounds");
  await expect(page.getByRole("checkbox", { name: ky("desk:decide.ground.no_registration") })).toBeChecked();
  await page.getByRole("button", { name: ky("desk:decide.refuse"), exact: true }).click();
  await expect(page.getByText(ky("desk:decide.refused"))).toBeVisible();
  await checkPage(page, "desk-application-refused");

  // Search, the card, evidence and a proposal.
  await page.getByRole("link", { name: ky("common:nav.search") }).click();
  await checkPage(page, "desk-search");
  await page.getByLabel(ky("subject:search.label")).fill(GRANTED.inn);
  await page.getByRole("button", { name: ky("common:common.search") }).click();
  await expect(page).toHaveURL(/\/desk\/search\?q=/);
  await checkPage(page, "desk-search-results");
  await page.getByRole("link", { name: GRANTED.inn }).click();
  await expect(page).toHaveURL(`/desk/subjects/${GRANTED.inn}`);
  await checkPage(page, "desk-subject");
  await page.getByText(ky("subject:evidence.add"), { exact: true }).first().click();
  await page.getByLabel(ky("subject:evidence.documentNumber")).fill("ФД-2026/42");
  await page.getByLabel(ky("subject:evidence.documentDate")).fill("2026-01-15");
  await page.getByLabel(ky("subject:evidence.issuer")).fill("Экономикалык иликтөөлөр кызматы");
  await page.getByRole("button", { name: ky("subject:evidence.submit") }).click();
  await expect(page.getByRole("status")).toHaveText(ky("subject:evidence.recorded"));
  await checkPage(page, "desk-subject-evidence");
  await page.getByRole("button", { name: ky("subject:propose.submit") }).click();
  await expect(page.getByRole("status")).toContainText(ky("subject:propose.done"));
  await checkPage(page, "desk-subject-proposed");

  await expect(page.getByRole("link", { name: ky("common:nav.approvals") })).toHaveCount(0);
  await page.goto("/desk/approvals");
  await checkPage(page, "desk-approvals-inspector");
  await page.goto("/account/password");
  await checkPage(page, "account-password");
  await signOut(page, "ky");
});

test("the supervisor's pages in Kyrgyz: approvals with the proposal, approval, the deadline board, statistics", async ({ page }) => {
  await signIn(page, "supervisor", "ky");
  // The account's own choice outranks the browser's language (decision 058), and an earlier walk
  // (accessibility.spec) left this one's at Russian: the supervisor chooses Kyrgyz with the switch.
  await hydrated(page);
  if (await page.getByRole("button", { name: "Кыргызча" }).count()) {
    await page.getByRole("button", { name: "Кыргызча" }).click();
    await expect(page.getByRole("link", { name: ky("common:nav.board") })).toBeVisible();
  }
  await page.getByRole("link", { name: ky("common:nav.board") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ky("supervisor:board.title"));
  await checkPage(page, "desk-board");
  await page.getByRole("link", { name: ky("common:nav.approvals") }).click();
  await expect(page.getByRole("row", { name: new RegExp(GRANTED.inn) })).toBeVisible();
  await checkPage(page, "desk-approvals");
  await page.getByRole("row", { name: new RegExp(GRANTED.inn) }).getByRole("button", { name: new RegExp(`^${ky("supervisor:approvals.approve")}`) }).click();
  await expect(page.getByRole("status")).toContainText(ky("supervisor:approvals.approved"));
  await checkPage(page, "desk-approvals-approved");
  await page.getByRole("link", { name: ky("common:nav.stats") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(ky("supervisor:stats.title", { office: "" }).trim());
  await checkPage(page, "desk-stats");
  await page.goto(`/desk/subjects/${GRANTED.inn}`);
  await checkPage(page, "desk-subject-annulled");
  // Back to Russian, which the later walks of this account expect.
  await hydrated(page);
  await page.getByRole("button", { name: "Русский" }).click();
  await expect(page.getByRole("link", { name: "Сроки" })).toBeVisible();
  await signOut(page, "ru");
});

test("the administrator's pages in Kyrgyz", async ({ page }) => {
  await signIn(page, "admin", "ky");
  await checkPage(page, "admin");
  for (const [link, name] of [
    ["common:nav.offices", "admin-offices"],
    ["common:nav.staff", "admin-staff"],
    ["common:nav.registry", "admin-registry"],
    ["common:nav.journal", "admin-journal"],
    ["common:nav.notices", "admin-notices"],
    // Last: the key is made on its page below.
    ["common:nav.apiClients", "admin-api-clients"],
  ] as const) {
    await page.getByRole("navigation", { name: ky("common:nav.main") }).getByRole("link", { name: ky(link), exact: true }).click();
    await page.waitForURL(new RegExp(`/admin/${name.replace("admin-", "")}`));
    await checkPage(page, name);
  }
  await page.getByLabel(ky("admin:api.name")).fill("Кабинет, сыноо");
  await page.getByRole("button", { name: ky("admin:api.create") }).click();
  await expect(page.getByTestId("api-key")).toBeVisible();
  await checkPage(page, "admin-api-key-created");
  await page.goto("/admin/journal");
  await page.getByRole("button", { name: ky("journal:admin.verify") }).click();
  await expect(page.getByText(ky("journal:admin.chainOk"))).toBeVisible();
  await checkPage(page, "admin-journal-verified");
  await page.goto("/admin/journal?inn=123");
  await checkPage(page, "admin-journal-filter-error");
});

test("the second step of sign-in in Kyrgyz: the code page, a wrong code, the factor's page, an inspector's enrolment (decision 065)", async ({ page }) => {
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel(ky("auth:signIn.username")).fill(DEMO_PASSWORDS.admin.username);
  await page.getByLabel(ky("auth:signIn.password")).fill(DEMO_PASSWORDS.admin.password);
  await page.getByRole("button", { name: ky("auth:signIn.submit"), exact: true }).click();
  await page.waitForURL(/\/login\/two-factor/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ky("auth:twoFactor.code.title"));
  await checkPage(page, "login-two-factor");
  await enterCode(page, "000000", "ky");
  await expect(page.getByRole("alert")).toHaveText(ky("auth:twoFactor.code_invalid"));
  await checkPage(page, "login-two-factor-error");
  await enterCode(page, totpCode(DEMO_PASSWORDS.admin.totpKey), "ky");
  await page.waitForURL(/\/admin$/);
  await page.goto("/account/two-factor");
  await expect(page.getByText(ky("auth:twoFactor.status.codesLeft", { count: 0 }))).toBeVisible();
  await checkPage(page, "account-two-factor");
  await signOut(page, "ky");

  // An inspector's factor is optional: the enrolment page says so, and nothing is stored by looking at it.
  await signIn(page, "inspector", "ky");
  await page.goto("/account/two-factor");
  await expect(page.getByText(ky("auth:twoFactor.enrol.optional"))).toBeVisible();
  await checkPage(page, "account-two-factor-enrol");
  await signOut(page, "ky");
});
