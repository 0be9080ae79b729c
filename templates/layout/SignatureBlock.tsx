import { StyleSheet, Text, View } from "@react-pdf/renderer";
import { tr, type PaperWords } from "../labels";
import type { StaffRef, Translated } from "../types";
import { Inline, joined, useLanguages } from "./Lang";
import { MUTED } from "./styles";

const st = StyleSheet.create({
  block: { marginTop: 8 },
  columns: { flexDirection: "row", alignItems: "flex-end" },
  column: { flexGrow: 1, flexBasis: 0 },
  columnGap: { marginLeft: 18 },
  /** One signer takes half the width, not a line across the page. */
  alone: { flexGrow: 0, flexBasis: "50%" },
  signLine: { marginTop: 10, flexGrow: 1, flexBasis: 0 },
  signRow: { flexDirection: "row", alignItems: "flex-start" },
  role: { fontSize: 8.5, color: MUTED },
  roleSecond: { fontSize: 7.5 },
  name: { fontSize: 9.5, fontWeight: 700 },
  position: { fontSize: 8, color: MUTED },
  signCol: { width: 120 },
  sign: { borderBottomWidth: 0.75, borderBottomColor: "#000", height: 16 },
  caption: { fontSize: 7, color: MUTED, textAlign: "center" },
  captionSecond: { fontSize: 6.5 },
  stamp: { marginTop: 20, marginLeft: 6, fontSize: 8, color: MUTED },
});

export interface Signer {
  role: Translated;
  /** The printed name (typed, never handwritten: R4). */
  name: string | null;
  /** A position as an older paper stored it, printed as is under the name. */
  position?: string | null;
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * A staff member signing in a role: the rank in the paper's words when recorded («Салык
 * инспектору / Налоговый инспектор»), else the role's word and the position as an older paper stored it.
 */
export function staffSigner(ref: StaffRef, role: (w: PaperWords) => string, withRank: "instead" | "after"): Signer {
  const rank = ref.rank;
  const words = rank
    ? tr((w) => (withRank === "instead" ? capital(w.signature.rank[rank]) : `${role(w)}: ${w.signature.rank[rank]}`))
    : tr(role);
  return { role: words, name: ref.fullName, position: rank ? null : ref.position };
}

function Who({ sg }: { sg: Signer }) {
  return (
    <>
      <Inline t={sg.role} style={st.role} second={st.roleSecond} />
      <Text style={st.name}>{sg.name ?? ""}</Text>
      {sg.position ? <Text style={st.position}>{sg.position}</Text> : null}
    </>
  );
}

function SignHere() {
  return (
    <>
      <View style={st.sign} />
      <Inline t={tr((w) => w.signature.sign)} style={st.caption} second={st.captionSecond} />
    </>
  );
}

/**
 * Signature blanks. Side by side, one column per signer (role, printed name, the line to sign),
 * so two or three signers take the height of one; `stacked` puts them under each other for a
 * narrow column.
 */
export function SignatureBlock({ signers, stamp, stacked }: { signers: Signer[]; stamp?: boolean; stacked?: boolean }) {
  const languages = useLanguages();
  return (
    <View style={st.block} wrap={false}>
      <View style={stacked ? undefined : st.columns}>
        {signers.map((sg, i) => (
          <View key={i} style={stacked ? { marginTop: 6 } : [st.column, i > 0 ? st.columnGap : {}, signers.length === 1 ? st.alone : {}]}>
            <Who sg={sg} />
            <View style={st.signRow}>
              <View style={stacked ? [st.signCol, { marginTop: 4 }] : st.signLine}>
                <SignHere />
              </View>
              {/* The place for the seal, beside the last signature (the head's). */}
              {stamp && i === signers.length - 1 ? <Text style={st.stamp}>{joined(tr((w) => w.signature.stamp), languages)}</Text> : null}
            </View>
          </View>
        ))}
      </View>
    </View>
  );
}

const rc = StyleSheet.create({
  box: {
    marginTop: 8,
    borderTopWidth: 0.5,
    borderTopColor: "#999",
    paddingTop: 5,
  },
  row: { flexDirection: "row", alignItems: "flex-end" },
  label: { fontSize: 9.5, fontWeight: 700 },
  labelSecond: { fontSize: 8.5 },
  blank: {
    borderBottomWidth: 0.75,
    borderBottomColor: "#000",
    height: 14,
    marginHorizontal: 6,
  },
  caption: { flexDirection: "row", fontSize: 7, color: MUTED },
});

/** «Решение получил(а): ____ дата ____» — the applicant's receipt on the office copy (R11). */
export function ReceiptLine({ label }: { label: Translated }) {
  return (
    <View style={rc.box} wrap={false}>
      <View style={rc.row}>
        <View style={{ width: 220 }}>
          <Inline t={{ ky: label.ky, ru: `${label.ru}:` }} style={rc.label} second={rc.labelSecond} />
        </View>
        <View style={[rc.blank, { width: 140 }]} />
        <Inline t={tr((w) => w.signature.date)} style={rc.label} second={rc.labelSecond} />
        <View style={[rc.blank, { width: 70 }]} />
      </View>
      <View style={rc.caption}>
        <Text style={{ width: 226 }} />
        {/* Under the blank to sign, on one line: it may run past the blank's end. */}
        <Inline t={tr((w) => w.signature.receiptCaption)} second={{ fontSize: 6.5 }} />
      </View>
    </View>
  );
}

/** A decision's signatures (R10, R11): the inspector and the head, with the stamp; the office copy adds the receipt line. */
export function DecisionSignatures({ inspector, headName, officeCopy }: { inspector: StaffRef; headName: string; officeCopy: boolean }) {
  return (
    <>
      <SignatureBlock stamp signers={[staffSigner(inspector, (w) => w.signature.inspector, "instead"), { role: tr((w) => w.signature.officeHead), name: headName }]} />
      {officeCopy ? <ReceiptLine label={tr((w) => w.decision.received)} /> : null}
    </>
  );
}
