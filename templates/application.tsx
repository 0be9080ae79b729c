import { StyleSheet, Text, View } from "@react-pdf/renderer";
import { dateTime, shortDate } from "./format";
import { tr } from "./labels";
import { AcceptanceMarkBox } from "./layout/AcceptanceMarkBox";
import { CopyPage, TwoCopies } from "./layout/CopyPage";
import { type FieldRow, type FieldValue, Fields, Section, subjectRows } from "./layout/Fields";
import { Stacked } from "./layout/Lang";
import { SignatureBlock } from "./layout/SignatureBlock";
import type { ApplicationProps, PowerOfAttorney, Translated } from "./types";

const st = StyleSheet.create({
  codeBox: {
    flexDirection: "row",
    alignItems: "center",
    borderWidth: 1.5,
    borderColor: "#000",
    paddingVertical: 4,
    paddingHorizontal: 10,
    marginBottom: 4,
  },
  codeLabel: { width: "36%", fontSize: 9.5, lineHeight: 1.1 },
  codeLabelSecond: { fontSize: 8, marginTop: 1 },
  code: { fontSize: 19, fontWeight: 700, lineHeight: 1 },
  noteBox: { marginTop: 4 },
  note: { fontSize: 8.5, color: "#555555" },
  noteSecond: { fontSize: 8, marginTop: 1 },
  bottom: { flexDirection: "row", alignItems: "flex-start", marginTop: 6 },
  bottomLeft: { flexGrow: 1, flexBasis: 0, paddingRight: 14 },
});

export function applicationTitle(p: ApplicationProps): Translated {
  return tr((w) => `${w.application.title} ${w.request[p.requestKind]}`);
}

/** Who certified the power of attorney: its kind in the paper's words and the name as typed; an older paper's text as stored. */
function certifiedBy(poa: PowerOfAttorney): FieldValue {
  const kind = poa.certifier;
  return kind ? [tr((w) => w.application.certifier[kind]), poa.certifiedBy] : poa.certifiedBy;
}

/**
 * The applicant's choice of notices, right under the phone and e-mail it goes to: on one line and
 * without the address again, so that it never wraps and a full paper stays on one sheet (an e-mail
 * address may be 254 characters). No row on a paper issued before the choice existed.
 */
function noticesRow(notices: ApplicationProps["notices"]): FieldRow | null {
  if (notices === undefined) return null;
  return [tr((w) => w.application.notices.label), { inline: tr((w) => w.application.notices[notices]) }];
}

/** R4–R7, R19: the application as typed online; only signatures are left blank. */
export function ApplicationDocument(p: ApplicationProps) {
  const tz = p.document.timeZone;
  const isLegal = p.subject.type === "legal_entity";
  const signerRole = p.representative ? "representative" : p.legalRepresentative ? "legalRepresentative" : isLegal ? "head" : "applicant";
  return (
    <TwoCopies
      meta={p.document}
      office={p.office}
      title={applicationTitle(p)}
      render={(copy) => (
        <CopyPage
          key={copy}
          copy={copy}
          meta={p.document}
          office={p.office}
          title={tr((w) => w.application.title)}
          subtitle={tr((w) => w.request[p.requestKind])}
        >
          <View style={st.codeBox}>
            <View style={st.codeLabel}>
              <Stacked t={tr((w) => w.application.code)} second={st.codeLabelSecond} />
            </View>
            <Text style={st.code}>{p.code}</Text>
          </View>
          <Section t={tr((w) => w.application.applicant)} />
          <Fields
            rows={[
              ...subjectRows(p.subject),
              isLegal && p.head ? [tr((w) => w.application.head), p.head.position ? `${p.head.fullName}, ${p.head.position}` : p.head.fullName] : null,
              [tr((w) => w.application.phone), p.contacts.phone],
              [tr((w) => w.application.email), p.contacts.email],
              noticesRow(p.notices),
              p.requestKind === "annul" ? [tr((w) => w.application.loginToAnnul), p.login ?? "—", true] : null,
              [tr((w) => w.application.createdAt), dateTime(p.createdAt, tz)],
            ]}
          />
          {p.representative ? (
            <>
              <Section t={tr((w) => w.application.representative)} />
              <Fields
                rows={[
                  [tr((w) => w.field.personName), p.representative.fullName],
                  [tr((w) => w.application.identityDocument), p.representative.identityDocument],
                  [tr((w) => w.application.powerOfAttorney), `№ ${p.representative.powerOfAttorney.number}, ${shortDate(p.representative.powerOfAttorney.date, tz)}`],
                  [tr((w) => w.application.certifiedBy), certifiedBy(p.representative.powerOfAttorney)],
                ]}
              />
            </>
          ) : null}
          {p.legalRepresentative ? (
            <>
              <Section t={tr((w) => w.application.legalRepresentative)} />
              <Fields
                rows={[
                  [tr((w) => w.field.personName), p.legalRepresentative.fullName],
                  [tr((w) => w.application.birthCertificate), p.legalRepresentative.birthCertificate],
                  [tr((w) => w.application.representativePassport), p.legalRepresentative.passport],
                ]}
              />
            </>
          ) : null}
          <View style={st.noteBox}>
            <Stacked
              t={tr((w) => (p.requestKind === "annul" ? w.application.annulRequest : w.application.passwordNote))}
              style={st.note}
              second={st.noteSecond}
            />
          </View>
          <View style={st.bottom} wrap={false}>
            <View style={st.bottomLeft}>
              <SignatureBlock
                stacked
                signers={[
                  {
                    role: tr((w) => w.application.signer[signerRole]),
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
