import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { JOURNAL_ACTIONS, journalActionKey } from "../../../workflows/journal/actions";
import { ACTION_RU, ACTION_WORDS } from "../../../workflows/subject/labels";

const localesDir = join(__dirname, "../../../app/locales");
const locales = readdirSync(localesDir);
const journalLabels = (lng: string) =>
  (JSON.parse(readFileSync(join(localesDir, lng, "journal.json"), "utf8")) as { actions: Record<string, string> }).actions;

describe("journal actions: one list, a label for each", () => {
  it("has a Kyrgyz, a Russian and an English locale to check", () => {
    expect(locales).toEqual(expect.arrayContaining(["ky", "ru", "en"]));
  });

  // JSON is not typechecked: this is the check that a new action has its words on every page.
  it.each(locales)("every action has a label in the %s journal namespace", (lng) => {
    const labels = journalLabels(lng);
    const missing = JOURNAL_ACTIONS.filter((a) => !(typeof labels[journalActionKey(a)] === "string" && labels[journalActionKey(a)].trim() !== ""));
    expect(missing).toEqual([]);
  });

  it.each(locales)("the %s journal namespace labels no action that is not in the list", (lng) => {
    const keys = new Set(JOURNAL_ACTIONS.map(journalActionKey));
    expect(Object.keys(journalLabels(lng)).filter((k) => !keys.has(k))).toEqual([]);
  });

  it("the printed journal extract words each action as the Russian page does", () => {
    const ru = journalLabels("ru");
    expect(Object.fromEntries(JOURNAL_ACTIONS.map((a) => [a, ACTION_RU[a]]))).toEqual(Object.fromEntries(JOURNAL_ACTIONS.map((a) => [a, ru[journalActionKey(a)]])));
  });

  // The Kyrgyz pages and the Kyrgyz paper say the same, as the Russian ones do.
  it.skipIf(!locales.includes("ky"))("the printed journal extract words each action as the Kyrgyz page does", () => {
    const ky = journalLabels("ky");
    expect(Object.fromEntries(JOURNAL_ACTIONS.map((a) => [a, ACTION_WORDS.ky[a]]))).toEqual(Object.fromEntries(JOURNAL_ACTIONS.map((a) => [a, ky[journalActionKey(a)]])));
  });

  it("no two actions share an i18n key", () => {
    expect(new Set(JOURNAL_ACTIONS.map(journalActionKey)).size).toBe(JOURNAL_ACTIONS.length);
  });
});
