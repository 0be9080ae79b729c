import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { i18nOptions, namespaces, supportedLngs } from "../../../app/utils/i18n";
import { renderingI18n, resources } from "../../../app/utils/i18n.server";

/**
 * The rendering instances answer a plain lookup from memory after the first (rememberPlainLookups,
 * decision 076). Every key of every catalog, in every language, must read the same as i18next's own
 * answer, the first time and the second; a lookup with values, a count or a default must still be
 * i18next's, whatever was remembered for the same key.
 */
function keysOf(node: unknown, prefix = "", out: string[] = []): string[] {
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === "object") keysOf(value, path, out);
    else out.push(path.replace(/_(zero|one|two|few|many|other)$/, ""));
  }
  return out;
}

describe("remembered lookups", () => {
  for (const lng of supportedLngs) {
    it(`${lng}: every key reads as i18next reads it, with and without values`, async () => {
      const own = createInstance();
      await own.init({ ...i18nOptions, ns: [...namespaces], resources, lng });
      const remembered = await renderingI18n(lng);
      let compared = 0;
      for (const ns of namespaces) {
        const [theirs, ours] = [own.getFixedT(lng, [ns, "common"]), remembered.getFixedT(lng, [ns, "common"])];
        // As react-i18next's useTranslation binds it: no language named.
        const asRendered = remembered.getFixedT(null, [ns, "common"]);
        for (const key of new Set(keysOf(resources[lng]?.[ns] ?? {}))) {
          const expected = theirs(key);
          expect(ours(key)).toEqual(expected);
          expect(ours(key)).toEqual(expected); // the remembered answer
          expect(asRendered(key)).toEqual(expected);
          expect(asRendered(key)).toEqual(expected);
          // Values for every placeholder the catalogs use (filled here), then with a count and a
          // default (i18next's), then with one missing (i18next's too).
          const names = [...new Set(Object.values(resources).flatMap((c) => JSON.stringify(c).match(/\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\}/g) ?? []))].map((p) => p.replace(/[{}\s]/g, ""));
          const values = Object.fromEntries(names.map((n, i) => [n, i % 2 ? i : `${n} $& $1 «${i}»`]));
          expect(ours(key, values)).toEqual(theirs(key, values));
          expect(ours(key, { ...values, code: 7 })).toEqual(theirs(key, { ...values, code: 7 }));
          for (const extra of [{ count: 1 }, { count: 3 }, { defaultValue: "—" }, { context: "male" }]) {
            expect(ours(key, { ...values, ...extra })).toEqual(theirs(key, { ...values, ...extra }));
          }
          const { [names[0]]: _dropped, ...someMissing } = values;
          expect(ours(key, someMissing)).toEqual(theirs(key, someMissing));
          compared++;
        }
        // A key of another namespace named with its prefix, and one that is missing.
        expect(ours(`${ns}:no.such.key`)).toEqual(theirs(`${ns}:no.such.key`));
      }
      expect(compared).toBeGreaterThan(500);
    });
  }

  // react-i18next's useTranslation binds `t` with getFixedT(null, namespace): no language, lngs null.
  it("through a t bound as useTranslation binds it, a key reaches i18next once, not on every call, unless it has a count", async () => {
    const instance = await renderingI18n("ru");
    const translator = (instance as unknown as { translator: { translate: (...args: unknown[]) => unknown } }).translator;
    const translate = translator.translate.bind(translator);
    let reached = 0;
    translator.translate = (...args: unknown[]) => {
      reached++;
      return translate(...args);
    };
    try {
      const t = instance.getFixedT(null, "desk");
      const first = t("queue.title");
      const afterFirst = reached;
      for (let i = 0; i < 5; i++) expect(t("queue.title")).toBe(first);
      expect(reached).toBe(afterFirst);
      // With plain values: the text is looked up once, then filled here.
      expect(t("queue.open", { code: "ABCD" })).toContain("ABCD");
      expect(t("queue.open", { code: "EFGH" })).toContain("EFGH");
      expect(reached).toBe(afterFirst + 1);
      // With a count (plural forms) it is i18next's every time.
      t("queue.total", { count: 3 });
      t("queue.total", { count: 3 });
      expect(reached).toBe(afterFirst + 3);
    } finally {
      translator.translate = translate;
    }
  });

  it("a bound t answers a kept key itself, without i18next's wrapper and its copy of the options", async () => {
    const instance = await renderingI18n("ky");
    const t = instance.getFixedT(null, ["desk", "common"]);
    const own = instance.t;
    let reached = 0;
    instance.t = ((...args: Parameters<typeof own>) => {
      reached++;
      return own(...args);
    }) as typeof own;
    try {
      const first = [t("queue.title"), t("queue.open", { code: "ABCD" }), t("nav.desk")];
      const afterFirst = reached;
      for (let i = 0; i < 5; i++) expect([t("queue.title"), t("queue.open", { code: "ABCD" }), t("nav.desk")]).toEqual(first);
      expect(reached).toBe(afterFirst);
      // A count, a namespace of its own or another language is i18next's, through the instance.
      t("queue.total", { count: 2 });
      t("app.name", { ns: "common" });
      t("queue.title", { lng: "ru" });
      expect(reached).toBe(afterFirst + 3);
      // Every component asks for its bound t while it renders: the same one each time.
      expect(instance.getFixedT(null, ["desk", "common"])).toBe(t);
      expect(instance.getFixedT(null, "desk")).not.toBe(t);
    } finally {
      instance.t = own;
    }
  });
});
