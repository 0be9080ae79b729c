import { Text } from "@react-pdf/renderer";
import type { Style } from "@react-pdf/types";
import { createContext, useContext } from "react";
import { DEFAULT_PAPER_LANGUAGES } from "../languages";
import type { PaperLanguage, Translated } from "../types";

type TextStyle = Style | Style[];

/** The paper's languages in print order, set once per document by TwoCopies. */
export const LanguagesContext = createContext<readonly PaperLanguage[]>(DEFAULT_PAPER_LANGUAGES);

export function useLanguages(): readonly PaperLanguage[] {
  return useContext(LanguagesContext);
}

/** The same text in each language on one line, Kyrgyz first: «Салык органы / Налоговый орган». */
export function joined(t: Translated, languages: readonly PaperLanguage[]): string {
  return inLanguages(t, languages).join(" / ");
}

/** The text in each language, a word the same in both («Телефон», «ДУБЛИКАТ») only once. */
export function inLanguages(t: Translated, languages: readonly PaperLanguage[]): string[] {
  return [...new Set(languages.map((l) => t[l]))];
}

/**
 * A fixed text in each of the paper's languages, one under the other: the first (Kyrgyz) as
 * styled, the next in `second` (smaller) beneath it. On a one-language paper only that one.
 */
export function Stacked({ t, style, second }: { t: Translated; style?: TextStyle; second: TextStyle }) {
  const languages = useLanguages();
  return (
    <>
      {inLanguages(t, languages).map((text, i) => (
        <Text key={i} style={i === 0 ? style : ([] as Style[]).concat(style ?? [], second)}>
          {text}
        </Text>
      ))}
    </>
  );
}

/**
 * A fixed text in each language in one run, «Электрондук почта / Электронная почта», the next
 * language smaller: a short label takes one line, a long one wraps like any text.
 */
export function Inline({ t, style, second }: { t: Translated; style?: TextStyle; second: TextStyle }) {
  const [first, ...rest] = inLanguages(t, useLanguages());
  return (
    <Text style={style}>
      {first}
      {rest.map((text, i) => (
        <Text key={i} style={second}>
          {` / ${text}`}
        </Text>
      ))}
    </Text>
  );
}
