import { Text, View } from "@react-pdf/renderer";
import type { ReactNode } from "react";
import { s } from "./styles";
import { SUBJECT_TYPE } from "../labels";
import type { SubjectInfo } from "../types";

export type FieldRow = [label: string, value: ReactNode, strong?: boolean];

/** Label/value rows: every field of the form typed, nothing left for the pen. */
export function Fields({ rows }: { rows: (FieldRow | null | false | undefined)[] }) {
  return (
    <View>
      {rows
        .filter((r): r is FieldRow => !!r)
        .map(([label, value, strong], i) => (
          <View key={i} style={s.row} wrap={false}>
            <Text style={s.label}>{label}</Text>
            <Text style={strong ? s.valueStrong : s.value}>{value === "" || value == null ? "—" : value}</Text>
          </View>
        ))}
    </View>
  );
}

export function Section({ children }: { children: string }) {
  return <Text style={s.section}>{children}</Text>;
}

/** The subject's identity as every document prints it: INN, name, category. */
export function subjectRows(subject: SubjectInfo): FieldRow[] {
  return [
    ["ИНН", subject.inn, true],
    [subject.type === "legal_entity" ? "Наименование" : "Фамилия, имя, отчество", subject.name, true],
    ["Категория субъекта", SUBJECT_TYPE[subject.type]],
  ];
}
