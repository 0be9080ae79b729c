import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** axe-core on the current page: no serious or critical WCAG 2.1 A/AA violation. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const blocking = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  expect(blocking, `axe violations on ${page.url()}`).toEqual([]);
}

/**
 * Saves a full-page screenshot as a test artifact for reviewers (artifacts/screenshots/, or
 * E2E_SCREENSHOTS when CI runs a second suite beside the first).
 */
export async function saveScreenshot(page: Page, name: string) {
  const dir = process.env.E2E_SCREENSHOTS ?? "artifacts/screenshots";
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}
