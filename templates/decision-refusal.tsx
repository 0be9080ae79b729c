import { StyleSheet, Text, View } from "@react-pdf/renderer";
import { appealRouteOf } from "./appeal";
import { dateTime, evidenceReference } from "./format";
import { GROUND_LETTER, tr } from "./labels";
import { AppealBlock } from "./layout/AppealBlock";
import { CopyPage, TwoCopies } from "./layout/CopyPage";
import { Fields, Paragraph, Section, subjectRows } from "./layout/Fields";
import { Inline, Stacked } from "./layout/Lang";
import { DecisionSignatures } from "./layout/SignatureBlock";
import { s } from "./layout/styles";
import type { DecisionRefusalProps } from "./types";

const st = StyleSheet.create({
  ground: { flexDirection: "row", marginBottom: 4 },
  bullet: { width: 20, fontWeight: 700 },
  groundBody: { flexGrow: 1, flexBasis: 0 },
  groundSecond: { fontSize: 8.5, color: "#333333" },
  evidence: { marginTop: 2, paddingLeft: 8, borderLeftWidth: 1, borderLeftColor: "#bbbbbb" },
  evidenceKind: { fontSize: 9, color: "#333333" },
  evidenceKindSecond: { fontSize: 8, color: "#555555" },
  evidenceRef: { fontSize: 9 },
});

/**
 * R9–R11: the refusal names its grounds in the regulation's words, with the evidence for ground (b),
 * and where it can be appealed as it was issued (decision 059).
 */
export function DecisionRefusalDocument(p: DecisionRefusalProps) {
  const tz = p.document.timeZone;
  const kind = p.requestKind === "restore" ? "restore" : "grant";
  const app = { ...p.application, acceptedAt: dateTime(p.application.acceptedAt, tz) };
  const subtitle = tr((w) => w.decision.refusal.subtitle[kind]);
  const appeal = appealRouteOf(p);
  return (
    <TwoCopies
      meta={p.document}
      office={p.office}
      title={tr((w) => `${w.decision.title} ${w.decision.refusal.subtitle[kind]}`)}
      render={(copy) => (
        <CopyPage key={copy} copy={copy} meta={p.document} office={p.office} title={tr((w) => w.decision.title)} subtitle={subtitle}>
          <Paragraph t={tr((w) => w.decision.refusal.text(kind, app))} />
          <Fields rows={[...subjectRows(p.subject), [tr((w) => w.field.decidedAt), dateTime(p.decidedAt, tz)]]} />
          <Section t={tr((w) => w.decision.refusal.grounds)} />
          {p.grounds.map((g) => (
            <View key={g.ground} style={st.ground} wrap={false}>
              <Text style={st.bullet}>({GROUND_LETTER[g.ground]})</Text>
              <View style={st.groundBody}>
                <Stacked t={tr((w) => w.ground[g.ground])} style={s.bold} second={st.groundSecond} />
                {g.ground === "fictitious_activity"
                  ? g.evidence.map((e, j) => (
                      <View key={j} style={st.evidence}>
                        <Inline t={tr((w) => `${w.decision.refusal.evidence}: ${w.evidenceKind[e.kind]}`)} style={st.evidenceKind} second={st.evidenceKindSecond} />
                        <Text style={st.evidenceRef}>{evidenceReference(e)}</Text>
                      </View>
                    ))
                  : null}
              </View>
            </View>
          ))}
          {appeal ? <AppealBlock route={appeal} /> : null}
          <DecisionSignatures inspector={p.inspector} headName={p.office.headName} officeCopy={copy === "office"} />
        </CopyPage>
      )}
    />
  );
}
