import { StyleSheet, Text, View } from "@react-pdf/renderer";
import { dateTime } from "../format";
import type { AcceptanceMark } from "../types";
import { MUTED } from "./styles";

const st = StyleSheet.create({
  box: { width: 235, borderWidth: 1.25, borderColor: "#1b3a8a", padding: 7 },
  pending: {
    width: 235,
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
    marginBottom: 3,
    letterSpacing: 0.5,
  },
  row: { flexDirection: "row", fontSize: 8.5, marginTop: 1 },
  label: { width: 88, color: MUTED },
  value: { flexGrow: 1, flexBasis: 0, fontWeight: 700 },
  sign: {
    flexDirection: "row",
    alignItems: "flex-end",
    marginTop: 8,
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
});

/** R7: the office's mark of acceptance, printed on both copies once the application is accepted. */
export function AcceptanceMarkBox({ mark, timeZone }: { mark: AcceptanceMark | null | undefined; timeZone: string }) {
  if (!mark) {
    return (
      <View style={st.pending} wrap={false}>
        <Text style={st.note}>
          Отметка налогового органа о принятии заявления проставляется при приёме (входящий номер, дата и время, налоговый орган, инспектор).
        </Text>
      </View>
    );
  }
  return (
    <View style={st.box} wrap={false}>
      <Text style={st.title}>ОТМЕТКА О ПРИНЯТИИ</Text>
      <View style={st.row}>
        <Text style={st.label}>Входящий №</Text>
        <Text style={st.value}>{mark.incomingNumber}</Text>
      </View>
      <View style={st.row}>
        <Text style={st.label}>Дата и время</Text>
        <Text style={st.value}>{dateTime(mark.acceptedAt, timeZone)}</Text>
      </View>
      <View style={st.row}>
        <Text style={st.label}>Налоговый орган</Text>
        <Text style={st.value}>{mark.officeName}</Text>
      </View>
      <View style={st.row}>
        <Text style={st.label}>Инспектор</Text>
        <Text style={st.value}>{mark.inspector.fullName}</Text>
      </View>
      <View style={st.sign}>
        <Text>Подпись инспектора</Text>
        <View style={st.line} />
      </View>
    </View>
  );
}
