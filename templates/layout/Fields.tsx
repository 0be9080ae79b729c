import { Text, View } from "@react-pdf/renderer";
import { tr } from "../labels";
import type { SubjectInfo, Translated } from "../types";
import { Inline, joined, Stacked, useLanguages } from "./Lang";
import { s } from "./styles";

/** A fixed text in the paper's languages on one line, «жөнөтүлбөсүн / не направлять»: for a row that must not grow. */
export type InlineValue = { inline: Translated };
/**
 * A value: what was typed or generated, printed once (a string), a fixed text in the paper's
 * languages (Translated, one language under the other), one of those on one line (InlineValue),
 * or lines of these.
 */
export type FieldLine = string | Translated | InlineValue;
export type FieldValue = FieldLine | FieldLine[];
export type FieldRow = [label: Translated, value: FieldValue, strong?: boolean];

export function isTranslated(v: unknown): v is Translated {
  return typeof v === "object" && v !== null && !Array.isArray(v) && "ru" in v && "ky" in v;
}

function isInline(v: FieldLine): v is InlineValue {
  return typeof v === "object" && "inline" in v;
}

/** Label/value rows: every field of the form typed, nothing left for the pen; labels in every paper language. */
export function Fields({ rows }: { rows: (FieldRow | null | false | undefined)[] }) {
  return (
    <View>
      {rows
        .filter((r): r is FieldRow => !!r)
        .map(([label, value, strong], i) => (
          <View key={i} style={s.row} wrap={false}>
            <View style={s.label}>
              <Inline t={label} style={s.labelText} second={s.labelSecond} />
            </View>
            <View style={s.valueCell}>
              {(Array.isArray(value) ? value : [value]).map((line, j) =>
                isInline(line) ? (
                  <Inline key={j} t={line.inline} style={strong ? s.valueStrong : s.value} second={s.valueSecond} />
                ) : isTranslated(line) ? (
                  <Stacked key={j} t={line} style={strong ? s.valueStrong : s.value} second={s.valueSecond} />
                ) : (
                  <Text key={j} style={strong ? s.valueStrong : s.value}>
                    {line === "" ? "—" : line}
                  </Text>
                )
              )}
            </View>
          </View>
        ))}
    </View>
  );
}

/** A section heading, its languages on one line: «АРЫЗ БЕРҮҮЧҮ / ЗАЯВИТЕЛЬ». */
export function Section({ t }: { t: Translated }) {
  const languages = useLanguages();
  return (
    <View style={s.sectionBox}>
      <Text style={s.section}>{joined(t, languages)}</Text>
    </View>
  );
}

/** The subject's identity as every document prints it: INN, name, category. */
export function subjectRows(subject: SubjectInfo): FieldRow[] {
  return [
    [tr((w) => w.field.inn), subject.inn, true],
    [tr((w) => (subject.type === "legal_entity" ? w.field.name : w.field.personName)), subject.name, true],
    [tr((w) => w.field.category), tr((w) => w.subjectType[subject.type])],
  ];
}

/** A sentence of the document in each language: the first at full size, the next smaller beneath. */
export function Paragraph({ t }: { t: Translated }) {
  return <Stacked t={t} style={s.paragraph} second={s.paragraphSecond} />;
}
