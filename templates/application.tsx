import { StyleSheet, Text, View } from "@react-pdf/renderer";
import { dateTime, shortDate } from "./format";
import { REQUEST_TITLE, SYSTEM_NAME } from "./labels";
import { AcceptanceMarkBox } from "./layout/AcceptanceMarkBox";
import { CopyPage, TwoCopies } from "./layout/CopyPage";
import { Fields, Section, subjectRows } from "./layout/Fields";
import { SignatureBlock } from "./layout/SignatureBlock";
import type { ApplicationProps } from "./types";

const st = StyleSheet.create({
  codeBox: {
    flexDirection: "row",
    alignItems: "center",
    borderWidth: 1.5,
    borderColor: "#000",
    paddingVertical: 6,
    paddingHorizontal: 10,
    marginBottom: 6,
  },
  codeLabel: { width: "36%", fontSize: 9.5, lineHeight: 1 },
  code: { fontSize: 20, fontWeight: 700, lineHeight: 1 },
  note: { fontSize: 8.5, color: "#555555", marginTop: 6 },
  bottom: { flexDirection: "row", alignItems: "flex-start", marginTop: 10 },
  bottomLeft: { flexGrow: 1, flexBasis: 0, paddingRight: 14 },
});

export function applicationTitle(p: ApplicationProps): string {
  return `Заявление ${REQUEST_TITLE[p.requestKind]} ${SYSTEM_NAME}`;
}

/** R4–R7, R19: the application as typed online; only signatures are left blank. */
export function ApplicationDocument(p: ApplicationProps) {
  const tz = p.document.timeZone;
  const title = applicationTitle(p);
  const isLegal = p.subject.type === "legal_entity";
  return (
    <TwoCopies
      meta={p.document}
      office={p.office}
      title={title}
      render={(copy) => (
        <CopyPage key={copy} copy={copy} meta={p.document} office={p.office} title="Заявление" subtitle={`${REQUEST_TITLE[p.requestKind]} ${SYSTEM_NAME}`}>
          <View style={st.codeBox}>
            <Text style={st.codeLabel}>Код заявления</Text>
            <Text style={st.code}>{p.code}</Text>
          </View>
          <Section>Заявитель</Section>
          <Fields
            rows={[
              ...subjectRows(p.subject),
              isLegal && p.head ? ["Руководитель", `${p.head.fullName}, ${p.head.position}`] : null,
              ["Телефон", p.contacts.phone],
              ["Электронная почта", p.contacts.email],
              p.requestKind === "annul" ? ["Логин, подлежащий аннулированию", p.login ?? "—", true] : null,
              ["Заявление сформировано", dateTime(p.createdAt, tz)],
            ]}
          />
          {p.representative ? (
            <>
              <Section>Представитель</Section>
              <Fields
                rows={[
                  ["Фамилия, имя, отчество", p.representative.fullName],
                  ["Документ, удостоверяющий личность", p.representative.identityDocument],
                  [
                    "Доверенность",
                    `№ ${p.representative.powerOfAttorney.number} от ${shortDate(p.representative.powerOfAttorney.date, tz)}, удостоверена: ${
                      p.representative.powerOfAttorney.certifiedBy
                    }`,
                  ],
                ]}
              />
            </>
          ) : null}
          {p.legalRepresentative ? (
            <>
              <Section>Законный представитель (заявитель младше 14 лет)</Section>
              <Fields
                rows={[
                  ["Фамилия, имя, отчество", p.legalRepresentative.fullName],
                  ["Свидетельство о рождении", p.legalRepresentative.birthCertificate],
                  ["Паспорт представителя", p.legalRepresentative.passport],
                ]}
              />
            </>
          ) : null}
          <Text style={st.note}>
            {p.requestKind === "annul"
              ? "Прошу аннулировать ранее присвоенные логин и пароль доступа к ИС «Кабинет налогоплательщика»."
              : "Пароль задан заявителем при заполнении заявления; он не печатается и не сообщается сотрудникам налогового органа."}
          </Text>
          <View style={st.bottom} wrap={false}>
            <View style={st.bottomLeft}>
              <SignatureBlock
                stacked
                signers={[
                  {
                    role: p.representative
                      ? "Представитель заявителя"
                      : p.legalRepresentative
                      ? "Законный представитель"
                      : isLegal
                      ? "Руководитель"
                      : "Заявитель",
                    name: p.representative?.fullName ?? p.legalRepresentative?.fullName ?? (isLegal ? p.head?.fullName ?? null : p.subject.name),
                  },
                ]}
              />
            </View>
            <AcceptanceMarkBox mark={p.acceptance} timeZone={tz} />
          </View>
        </CopyPage>
      )}
    />
  );
}
