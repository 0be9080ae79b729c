import { describe, expect, it } from "vitest";
import { parseEnv } from "../../../app/utils/env.server";
import { acceptedLanguage, negotiateLanguage } from "../../../app/utils/i18n.server";

/** Decision 058: the switch (cookie) first, then Accept-Language, then the installation's default. */
describe("the language of a page", () => {
  const ask = (acceptLanguage: string | null, cookie: unknown = undefined, query: unknown = null) => ({ query, cookie, acceptLanguage });

  it("is the switch's choice, whatever the browser asks", () => {
    expect(negotiateLanguage(ask("ru-RU,ru;q=0.9", "ky"), "ru")).toBe("ky");
    expect(negotiateLanguage(ask("ky", "en"), "ru")).toBe("en");
    expect(negotiateLanguage(ask("ky", "en", "ru"), "ky")).toBe("ru");
  });

  it("is else the browser's best language among ky, ru and en, by q-value and region", () => {
    expect(negotiateLanguage(ask("ky-KG,ky;q=0.9,ru;q=0.8"), "ru")).toBe("ky");
    expect(negotiateLanguage(ask("ru;q=0.5, ky;q=0.9"), "ru")).toBe("ky");
    expect(negotiateLanguage(ask("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7"), "ky")).toBe("ru");
    expect(negotiateLanguage(ask("en-GB,en;q=0.9"), "ky")).toBe("en");
    expect(negotiateLanguage(ask("de-DE,de;q=0.9,ru;q=0.3"), "ky")).toBe("ru");
    expect(negotiateLanguage(ask("ky;q=0, ru"), "ky")).toBe("ru");
  });

  it("is else the installation's default: no header, a wildcard, only languages we do not speak, a cookie we do not know", () => {
    for (const fallback of ["ky", "ru"] as const) {
      expect(negotiateLanguage(ask(null), fallback)).toBe(fallback);
      expect(negotiateLanguage(ask("*"), fallback)).toBe(fallback);
      expect(negotiateLanguage(ask("de-DE,fr;q=0.5"), fallback)).toBe(fallback);
      expect(negotiateLanguage(ask("", "xx", "yy"), fallback)).toBe(fallback);
    }
    expect(acceptedLanguage("tr", "ru")).toBeUndefined();
  });
});

describe("DEFAULT_LANGUAGE", () => {
  it("is Russian unless the installation says Kyrgyz, and nothing else is accepted", () => {
    expect(parseEnv({}).DEFAULT_LANGUAGE).toBe("ru");
    expect(parseEnv({ DEFAULT_LANGUAGE: "" }).DEFAULT_LANGUAGE).toBe("ru");
    expect(parseEnv({ DEFAULT_LANGUAGE: "ky" }).DEFAULT_LANGUAGE).toBe("ky");
    expect(() => parseEnv({ DEFAULT_LANGUAGE: "en" })).toThrow(/DEFAULT_LANGUAGE/);
    expect(() => parseEnv({ DEFAULT_LANGUAGE: "kg" })).toThrow(/DEFAULT_LANGUAGE/);
  });
});
