import { StyleSheet, Text, View } from "@react-pdf/renderer";
import { dateTime, shortDate } from "./format";
import { CopyPage, TwoCopies } from "./layout/CopyPage";
import { Fields, Section, subjectRows } from "./layout/Fields";
import { SignatureBlock } from "./layout/SignatureBlock";
import { MUTED, RULE } from "./layout/styles";
import type { JournalExtractProps } from "./types";

const st = StyleSheet.create({
  head: {
    flexDirection: "row",
    borderBottomWidth: 1,
    borderBottomColor: "#000",
    paddingBottom: 2,
    fontSize: 8.5,
    fontWeight: 700,
  },
  row: {
    flexDirection: "row",
    borderBottomWidth: 0.5,
    borderBottomColor: RULE,
    paddingVertical: 2,
    fontSize: 8.5,
  },
  at: { width: "18%", paddingRight: 4 },
  event: { width: "44%", paddingRight: 4 },
  office: { width: "24%", paddingRight: 4 },
  role: { width: "14%" },
  empty: { fontSize: 9, color: MUTED, marginTop: 4 },
});

/** The subject's own journal (UA seed): every recorded event about them, printable. */
export function JournalExtractDocument(p: JournalExtractProps) {
  const tz = p.document.timeZone;
  const subtitle = "из журнала событий ИС «Кабинет налогоплательщика»";
  return (
    <TwoCopies
      meta={p.document}
      office={p.office}
      title={`Выписка ${subtitle}`}
      render={(copy) => (
        <CopyPage key={copy} copy={copy} meta={p.document} office={p.office} title="Выписка" subtitle={subtitle}>
          <Fields
            rows={[
              ...subjectRows(p.subject),
              ["Период", `с ${shortDate(p.period.from, tz)} по ${shortDate(p.period.to, tz)}`],
            ]}
          />
          <Section>События</Section>
          <View style={st.head} fixed>
            <Text style={st.at}>Дата и время</Text>
            <Text style={st.event}>Событие</Text>
            <Text style={st.office}>Налоговый орган</Text>
            <Text style={st.role}>Роль</Text>
          </View>
          {p.events.length === 0 ? <Text style={st.empty}>За период событий нет.</Text> : null}
          {p.events.map((e, i) => (
            <View key={i} style={st.row} wrap={false}>
              <Text style={st.at}>{dateTime(e.at, tz)}</Text>
              <Text style={st.event}>{e.event}</Text>
              <Text style={st.office}>{e.officeName ?? "—"}</Text>
              <Text style={st.role}>{e.role}</Text>
            </View>
          ))}
          {p.preparedBy ? <SignatureBlock signers={[{ role: "Выписку подготовил", name: p.preparedBy.fullName }]} /> : null}
        </CopyPage>
      )}
    />
  );
}
