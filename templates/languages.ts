import type { PaperLanguage } from "./types";

/**
 * What an installation may choose for its paper (PAPER_LANGUAGES): both languages, Kyrgyz first,
 * or one of them. The order is the print order; Russian never comes before Kyrgyz.
 */
export const PAPER_LANGUAGE_SETTINGS = {
  "ky,ru": ["ky", "ru"],
  ky: ["ky"],
  ru: ["ru"],
} as const satisfies Record<string, readonly PaperLanguage[]>;

export type PaperLanguageSetting = keyof typeof PAPER_LANGUAGE_SETTINGS;

export const PAPER_LANGUAGE_SETTING_NAMES = Object.keys(PAPER_LANGUAGE_SETTINGS) as [PaperLanguageSetting, ...PaperLanguageSetting[]];

export const DEFAULT_PAPER_LANGUAGES: readonly PaperLanguage[] = PAPER_LANGUAGE_SETTINGS["ky,ru"];
