import { StyleSheet, Text, View } from "@react-pdf/renderer";
import { APPEAL_PARTS } from "../appeal";
import { tr, WORDS } from "../labels";
import type { AppealRoute } from "../types";
import { Section } from "./Fields";
import { useLanguages } from "./Lang";
import { MUTED } from "./styles";

const st = StyleSheet.create({
  first: { fontSize: 8.5, lineHeight: 1.2, marginBottom: 1.5 },
  second: { fontSize: 7.5, lineHeight: 1.2, color: "#333333" },
  label: { fontWeight: 700 },
  secondLabel: { fontWeight: 700, color: MUTED },
});

/** «…»: a part ends in one full stop, whatever the installation typed at its end. */
const sentence = (text: string) => `${text.trim().replace(/[\s.;,]+$/, "")}.`;

/**
 * «Даттануу тартиби / Порядок обжалования»: body, time limit and address as the refusal was issued
 * with them (decision 059), one full-width run per paper language, labels in bold, the next
 * language smaller beneath: three label/value rows in two languages would not leave the
 * signatures on the page. Kept whole.
 */
export function AppealBlock({ route }: { route: AppealRoute }) {
  const languages = useLanguages();
  return (
    <View wrap={false}>
      <Section t={tr((w) => w.appeal.title)} />
      {languages.map((language, i) => (
        <Text key={language} style={i === 0 ? st.first : st.second}>
          {APPEAL_PARTS.map((part, j) => (
            <Text key={part}>
              {j > 0 ? " " : ""}
              <Text style={i === 0 ? st.label : st.secondLabel}>{`${WORDS[language].appeal[part]}: `}</Text>
              {sentence(route[part][language])}
            </Text>
          ))}
        </Text>
      ))}
    </View>
  );
}
