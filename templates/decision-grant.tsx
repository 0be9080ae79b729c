import { StyleSheet, Text, View } from "@react-pdf/renderer";
import { dateTime } from "./format";
import { REQUEST_TITLE, SYSTEM_NAME } from "./labels";
import { CopyPage, TwoCopies } from "./layout/CopyPage";
import { Fields, subjectRows } from "./layout/Fields";
import { DecisionSignatures } from "./layout/SignatureBlock";
import { s } from "./layout/styles";
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
  login: { width: "64%", fontSize: 16, fontWeight: 700 },
  note: { fontSize: 8.5, color: "#555555", marginTop: 4 },
});

/** The paper's words for what the grant did (decision 046), whatever the application asked for. */
const WORDING: Record<GrantEffect, { what: string; decided: string; note: string }> = {
  first_grant: { what: REQUEST_TITLE.grant, decided: "предоставить субъекту доступ к информационной системе «Кабинет налогоплательщика»", note: "" },
  restoration: {
    what: REQUEST_TITLE.restore,
    decided: "восстановить субъекту доступ к информационной системе «Кабинет налогоплательщика»",
    note: " Логин при восстановлении доступа не меняется.",
  },
  reinstatement: {
    what: REQUEST_TITLE.grant,
    decided: "вновь предоставить субъекту доступ к информационной системе «Кабинет налогоплательщика», аннулированный ранее",
    note: " Логин прежний: он закреплён за субъектом и после аннулирования доступа.",
  },
};

/** R10–R15: the decision to grant, restore or give back access, with the login generated on the first grant. */
export function DecisionGrantDocument(p: DecisionGrantProps) {
  const tz = p.document.timeZone;
  // A paper issued before decisions recorded their effect is reprinted with its original words.
  const wording = WORDING[p.effect ?? (p.requestKind === "restore" ? "restoration" : "first_grant")];
  const what = wording.what;
  const title = `Решение ${what} ${SYSTEM_NAME}`;
  return (
    <TwoCopies
      meta={p.document}
      office={p.office}
      title={title}
      render={(copy) => (
        <CopyPage key={copy} copy={copy} meta={p.document} office={p.office} title="Решение" subtitle={`${what} ${SYSTEM_NAME}`}>
          <Text style={s.paragraph}>
            {p.office.name}, рассмотрев заявление субъекта (входящий № {p.application.incomingNumber} от {dateTime(p.application.acceptedAt, tz)}, код{" "}
            {p.application.code}), в соответствии с Регламентом, утверждённым приказом ГНС при ПКР от 13 декабря 2017 года № 238, РЕШИЛ {wording.decided}.
          </Text>
          <Fields
            rows={[
              ...subjectRows(p.subject),
              ["Дата и время решения", dateTime(p.decidedAt, tz)],
              ["Налоговый орган", `${p.office.name}, ${p.office.address}`],
            ]}
          />
          <View style={st.loginBox} wrap={false}>
            <Text style={st.loginLabel}>Логин для входа</Text>
            <Text style={st.login}>{p.login}</Text>
          </View>
          <Text style={st.note}>
            Пароль — тот, который субъект задал в заявлении; налоговый орган его не знает и не печатает.
            {wording.note}
          </Text>
          <DecisionSignatures inspector={p.inspector} headName={p.office.headName} officeCopy={copy === "office"} />
        </CopyPage>
      )}
    />
  );
}
