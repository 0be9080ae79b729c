import { Text, View } from "@react-pdf/renderer";
import type { ReactNode } from "react";
import { s } from "./styles";

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
