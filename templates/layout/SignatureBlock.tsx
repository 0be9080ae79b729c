import { StyleSheet, Text, View } from "@react-pdf/renderer";
import { MUTED } from "./styles";

const st = StyleSheet.create({
  block: { marginTop: 12 },
  line: { flexDirection: "row", alignItems: "flex-end", marginTop: 10 },
  who: { flexGrow: 1, flexBasis: 0, paddingRight: 12 },
  role: { fontSize: 8.5, color: MUTED },
  name: { fontSize: 10, fontWeight: 700 },
  signCol: { width: 120 },
  sign: { borderBottomWidth: 0.75, borderBottomColor: "#000", height: 16 },
  caption: { fontSize: 7, color: MUTED, textAlign: "center" },
  stamp: { marginTop: 4, fontSize: 8, color: MUTED },
});

export interface Signer {
  role: string;
  /** The printed name (typed, never handwritten: R4). */
  name: string | null;
}

/** Signature lines: role and printed name on the left, the blank to sign on the right. */
export function SignatureBlock({ signers, stamp, stacked }: { signers: Signer[]; stamp?: boolean; stacked?: boolean }) {
  return (
    <View style={st.block} wrap={false}>
      {signers.map((sg, i) =>
        stacked ? (
          // In a narrow column the name takes the full width and the line to sign goes under it.
          <View key={i} style={{ marginTop: 6 }}>
            <Text style={st.role}>{sg.role}</Text>
            <Text style={st.name}>{sg.name ?? ""}</Text>
            <View style={[st.signCol, { marginTop: 4 }]}>
              <View style={st.sign} />
              <Text style={st.caption}>подпись</Text>
            </View>
          </View>
        ) : (
          <View key={i} style={st.line}>
            <View style={st.who}>
              <Text style={st.role}>{sg.role}</Text>
              <Text style={st.name}>{sg.name ?? ""}</Text>
            </View>
            <View style={st.signCol}>
              <View style={st.sign} />
              <Text style={st.caption}>подпись</Text>
            </View>
          </View>
        )
      )}
      {stamp ? <Text style={st.stamp}>М. П.</Text> : null}
    </View>
  );
}

const rc = StyleSheet.create({
  box: {
    marginTop: 16,
    borderTopWidth: 0.5,
    borderTopColor: "#999",
    paddingTop: 8,
  },
  row: { flexDirection: "row", alignItems: "flex-end" },
  label: { fontSize: 10, fontWeight: 700 },
  blank: {
    borderBottomWidth: 0.75,
    borderBottomColor: "#000",
    height: 14,
    marginHorizontal: 6,
  },
  caption: { flexDirection: "row", fontSize: 7, color: MUTED },
});

/** «Решение получил(а): ____ дата ____» — the applicant's receipt on the office copy (R11). */
export function ReceiptLine({ label }: { label: string }) {
  return (
    <View style={rc.box} wrap={false}>
      <View style={rc.row}>
        <Text style={rc.label}>{label}:</Text>
        <View style={[rc.blank, { width: 170 }]} />
        <Text style={rc.label}>дата</Text>
        <View style={[rc.blank, { width: 90 }]} />
      </View>
      <View style={rc.caption}>
        <Text style={{ width: 150 }} />
        <Text style={{ width: 170, textAlign: "center" }}>подпись, фамилия и инициалы</Text>
      </View>
    </View>
  );
}

/** A decision's signatures (R10, R11): the inspector and the head, with the stamp; the office copy adds the receipt line. */
export function DecisionSignatures({
  inspector,
  headName,
  officeCopy,
}: {
  inspector: { fullName: string; position?: string | null };
  headName: string;
  officeCopy: boolean;
}) {
  return (
    <>
      <SignatureBlock
        stamp
        signers={[
          { role: inspector.position ? `Инспектор (${inspector.position})` : "Инспектор", name: inspector.fullName },
          { role: "Руководитель налогового органа", name: headName },
        ]}
      />
      {officeCopy ? <ReceiptLine label="Решение получил(а)" /> : null}
    </>
  );
}
