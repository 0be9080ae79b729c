import { StyleSheet, Text, View } from "@react-pdf/renderer";
import { dateTime } from "./format";
import { evidenceText, GROUND_CLAUSE, REQUEST_TITLE, SYSTEM_NAME } from "./labels";
import { CopyPage, TwoCopies } from "./layout/CopyPage";
import { Fields, Section, subjectRows } from "./layout/Fields";
import { DecisionSignatures } from "./layout/SignatureBlock";
import { s } from "./layout/styles";
import type { DecisionRefusalProps } from "./types";

const st = StyleSheet.create({
  ground: { flexDirection: "row", marginBottom: 4 },
  bullet: { width: 20, fontWeight: 700 },
  groundBody: { flexGrow: 1, flexBasis: 0 },
  evidence: { fontSize: 9, marginTop: 2, color: "#333333" },
});

/** R9–R11: the refusal names its grounds in the regulation's words, with the evidence for ground (b). */
export function DecisionRefusalDocument(p: DecisionRefusalProps) {
  const tz = p.document.timeZone;
  const what = REQUEST_TITLE[p.requestKind === "restore" ? "restore" : "grant"];
  const title = `Решение об отказе в ${p.requestKind === "restore" ? "восстановлении" : "предоставлении"} доступа ${SYSTEM_NAME}`;
  return (
    <TwoCopies
      meta={p.document}
      office={p.office}
      title={title}
      render={(copy) => (
        <CopyPage
          key={copy}
          copy={copy}
          meta={p.document}
          office={p.office}
          title="Решение"
          subtitle={`об отказе в ${p.requestKind === "restore" ? "восстановлении" : "предоставлении"} доступа ${SYSTEM_NAME}`}
        >
          <Text style={s.paragraph}>
            {p.office.name}, рассмотрев заявление субъекта {what} (входящий № {p.application.incomingNumber} от {dateTime(p.application.acceptedAt, tz)}, код{" "}
            {p.application.code}), на основании пункта 9 Регламента, утверждённого приказом ГНС при ПКР от 13 декабря 2017 года № 238, РЕШИЛ отказать субъекту в
            доступе к информационной системе «Кабинет налогоплательщика».
          </Text>
          <Fields
            rows={[
              ...subjectRows(p.subject),
              ["Дата и время решения", dateTime(p.decidedAt, tz)],
            ]}
          />
          <Section>Основания отказа (пункт 9 Регламента)</Section>
          {p.grounds.map((g) => (
            <View key={g.ground} style={st.ground} wrap={false}>
              <Text style={st.bullet}>({GROUND_CLAUSE[g.ground].letter})</Text>
              <View style={st.groundBody}>
                <Text style={s.bold}>{GROUND_CLAUSE[g.ground].text}</Text>
                {g.ground === "fictitious_activity"
                  ? g.evidence.map((e, j) => (
                      <Text key={j} style={st.evidence}>
                        Сведения: {evidenceText(e)}
                      </Text>
                    ))
                  : null}
              </View>
            </View>
          ))}
          <DecisionSignatures inspector={p.inspector} headName={p.office.headName} officeCopy={copy === "office"} />
        </CopyPage>
      )}
    />
  );
}
