import { StyleSheet, Text, View } from "@react-pdf/renderer";
import { dateTime } from "../format";
import { tr } from "../labels";
import type { AcceptanceMark, Translated } from "../types";
import { Inline, Stacked } from "./Lang";
import { MUTED } from "./styles";

const st = StyleSheet.create({
  box: { width: 250, borderWidth: 1.25, borderColor: "#1b3a8a", padding: 6 },
  pending: {
    width: 250,
    borderWidth: 0.75,
    borderStyle: "dashed",
    borderColor: MUTED,
    padding: 7,
  },
  title: {
    fontSize: 9,
    fontWeight: 700,
    color: "#1b3a8a",
    textAlign: "center",
    letterSpacing: 0.5,
  },
  titleSecond: { fontSize: 8 },
  row: { flexDirection: "row", fontSize: 8, lineHeight: 1.2, marginTop: 1 },
  label: { width: 104, color: MUTED, paddingRight: 4 },
  labelSecond: { fontSize: 7.5, color: "#777777" },
  value: { flexGrow: 1, flexBasis: 0, fontWeight: 700 },
  sign: {
    flexDirection: "row",
    alignItems: "flex-end",
    marginTop: 6,
    fontSize: 8.5,
  },
  line: {
    flexGrow: 1,
    flexBasis: 0,
    borderBottomWidth: 0.75,
    borderBottomColor: "#000",
    height: 12,
    marginLeft: 6,
  },
  note: { fontSize: 8, color: MUTED, textAlign: "center" },
  noteSecond: { fontSize: 7.5, marginTop: 2 },
});

/** R7: the office's mark of acceptance, printed on both copies once the application is accepted. */
export function AcceptanceMarkBox({ mark, timeZone }: { mark: AcceptanceMark | null | undefined; timeZone: string }) {
  if (!mark) {
    return (
      <View style={st.pending} wrap={false}>
        <Stacked t={tr((w) => w.acceptance.pending)} style={st.note} second={st.noteSecond} />
      </View>
    );
  }
  const rows: [Translated, string][] = [
    [tr((w) => w.acceptance.incomingNumber), mark.incomingNumber],
    [tr((w) => w.acceptance.acceptedAt), dateTime(mark.acceptedAt, timeZone)],
    [tr((w) => w.acceptance.office), mark.officeName],
    [tr((w) => w.acceptance.inspector), mark.inspector.fullName],
  ];
  return (
    <View style={st.box} wrap={false}>
      <View style={{ marginBottom: 3 }}>
        <Stacked t={tr((w) => w.acceptance.title)} style={st.title} second={st.titleSecond} />
      </View>
      {rows.map(([label, value], i) => (
        <View key={i} style={st.row}>
          <View style={st.label}>
            <Inline t={label} second={st.labelSecond} />
          </View>
          <Text style={st.value}>{value}</Text>
        </View>
      ))}
      <View style={st.sign}>
        <View>
          <Inline t={tr((w) => w.acceptance.inspectorSignature)} second={st.labelSecond} />
        </View>
        <View style={st.line} />
      </View>
    </View>
  );
}
