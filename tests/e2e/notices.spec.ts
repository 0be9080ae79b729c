import { expect, test } from "@playwright/test";
import { demoRegistry } from "../../db/seed/demo-data";
import { expectAccessible, saveScreenshot } from "./a11y";
import { hydrated, signIn, signOut } from "./demo";
import { applyOnline } from "./flows";

// Decision 064 in the browser: the applicant asks for notices by e-mail on the form; on the embedded
// demo no mail server is configured, so the notice waits in the outbox, and the administrator sees
// it on Administration → Notices with the text it would send.

// A subject of office 002 no other browser test uses (kyrgyz.spec.ts takes the first such one,
// revocation.spec.ts the last).
const registry = demoRegistry();
const evidenceInns = new Set(registry.evidence.map((e) => e.inn));
const SUBJECT = registry.taxpayers.filter((t, i) => t.officeCode === "002" && i >= 16 && !evidenceInns.has(t.inn) && t.subjectType === "individual" && t.registrationStatus === "registered").at(-2)!;

test("an applicant who chose e-mail has a queued notice with its text on the administrator's page", async ({ page }) => {
  const code = await applyOnline(page, { inn: SUBJECT.inn, password: "Pismo#2026nt", name: "Письмов Тест", email: "pismo@example.kg" });
  await signIn(page, "admin");
  await page.getByRole("link", { name: "Уведомления" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Уведомления заявителям");
  await hydrated(page);
  const row = page.getByRole("row", { name: new RegExp(SUBJECT.inn) });
  await expect(row).toContainText("e-mail: pismo@example.kg");
  await expect(row).toContainText("В очереди");
  await row.getByText(/^Доступ к Кабинету налогоплательщика — /).click();
  await expect(row).toContainText(`Код заявления: ${code}`);
  await expectAccessible(page);
  await saveScreenshot(page, "admin-notices");
  await signOut(page);
});
