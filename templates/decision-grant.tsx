import { StyleSheet, Text, View } from "@react-pdf/renderer";
import { dateTime } from "./format";
import { tr } from "./labels";
import { CopyPage, TwoCopies } from "./layout/CopyPage";
import { Fields, Paragraph, subjectRows } from "./layout/Fields";
import { Stacked } from "./layout/Lang";
import { DecisionSignatures } from "./layout/SignatureBlock";
import type { DecisionGrantProps, GrantEffect } from "./types";

const st = StyleSheet.create({
  loginBox: {
    marginTop: 10,
    marginBottom: 4,
    borderWidth: 1.5,
    borderColor: "#000",
    padding: 8,
    flexDirection: "row",
    alignItems: "center",
  },
  loginLabel: { width: "36%", fontSize: 10 },
  loginLabelSecond: { fontSize: 8.5, color: "#555555" },
  login: { width: "64%", fontSize: 16, fontWeight: 700 },
  noteBox: { marginTop: 4 },
  note: { fontSize: 8.5, color: "#555555" },
  noteSecond: { fontSize: 8, marginTop: 1 },
});

/** R10–R15: the decision to grant, restore or give back access, with the login generated on the first grant. */
export function DecisionGrantDocument(p: DecisionGrantProps) {
  const tz = p.document.timeZone;
  // The paper's words follow what the grant did (decision 046), whatever the application asked for;
  // a paper issued before decisions recorded their effect is reprinted with its original words.
  const effect: GrantEffect = p.effect ?? (p.requestKind === "restore" ? "restoration" : "first_grant");
  const request = effect === "restoration" ? "restore" : "grant";
  const what = tr((w) => w.request[request]);
  const app = { ...p.application, acceptedAt: dateTime(p.application.acceptedAt, tz) };
  return (
    <TwoCopies
      meta={p.document}
      office={p.office}
      title={tr((w) => `${w.decision.title} ${w.request[request]}`)}
      render={(copy) => (
        <CopyPage key={copy} copy={copy} meta={p.document} office={p.office} title={tr((w) => w.decision.title)} subtitle={what}>
          <Paragraph t={tr((w) => w.decision.grant.text(effect, app))} />
          {/* The deciding office is the one in the header, with its address: not printed twice. */}
          <Fields rows={[...subjectRows(p.subject), [tr((w) => w.field.decidedAt), dateTime(p.decidedAt, tz)]]} />
          <View style={st.loginBox} wrap={false}>
            <View style={st.loginLabel}>
              <Stacked t={tr((w) => w.decision.grant.login)} second={st.loginLabelSecond} />
            </View>
            <Text style={st.login}>{p.login}</Text>
          </View>
          <View style={st.noteBox}>
            <Stacked t={tr((w) => w.decision.grant.passwordNote + w.decision.grant.effectNote[effect])} style={st.note} second={st.noteSecond} />
          </View>
          <DecisionSignatures inspector={p.inspector} headName={p.office.headName} officeCopy={copy === "office"} />
        </CopyPage>
      )}
    />
  );
}
