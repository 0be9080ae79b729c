import { View } from "@react-pdf/renderer";
import { dateTime, evidenceReference } from "./format";
import { tr } from "./labels";
import { CopyPage, TwoCopies } from "./layout/CopyPage";
import { Fields, Paragraph, Section, type FieldRow, subjectRows } from "./layout/Fields";
import { Stacked } from "./layout/Lang";
import { ReceiptLine, SignatureBlock, type Signer, staffSigner } from "./layout/SignatureBlock";
import { s } from "./layout/styles";
import type { AnnulmentNoticeProps, Translated } from "./types";

/** R18–R21 and the UA seed's online refusal: which access ends, when, and on what basis. */
export function AnnulmentNoticeDocument(p: AnnulmentNoticeProps) {
  const tz = p.document.timeZone;
  const b = p.basis;
  const subtitle = tr((w) => w.annulment.subtitle[b.kind]);
  const officeHead: Signer = { role: tr((w) => w.signature.officeHead), name: p.office.headName };
  let text: Translated;
  let basisRows: FieldRow[];
  let signers: Signer[];
  if (b.kind === "on_request") {
    text = tr((w) => w.annulment.onRequest);
    basisRows = [
      [tr((w) => w.field.application), `№ ${b.application.incomingNumber}, ${dateTime(b.application.acceptedAt, tz)}`],
      [tr((w) => w.annulment.enteredAt), dateTime(b.enteredAt, tz)],
    ];
    signers = [staffSigner(b.inspector, (w) => w.signature.inspector, "instead"), officeHead];
  } else if (b.kind === "already_annulled") {
    // Decision 047: the application is answered on paper; nothing was annulled by it.
    const earlier = b.earlier;
    text = tr((w) => w.annulment.alreadyAnnulled(dateTime(p.effectiveAt, tz), earlier ? w.annulment.earlier[earlier] : null));
    basisRows = [
      [tr((w) => w.field.application), `№ ${b.application.incomingNumber}, ${dateTime(b.application.acceptedAt, tz)}`, true],
      [tr((w) => w.annulment.annulledEarlier), earlier ? [dateTime(p.effectiveAt, tz), tr((w) => w.annulment.earlier[earlier])] : dateTime(p.effectiveAt, tz)],
      [tr((w) => w.annulment.closedAt), dateTime(b.closedAt, tz)],
    ];
    signers = [staffSigner(b.inspector, (w) => w.signature.inspector, "instead"), officeHead];
  } else if (b.kind === "fictitious_activity") {
    text = tr((w) => w.annulment.fictitious);
    basisRows = [
      ...b.evidence.map((e): FieldRow => [tr((w) => w.annulment.evidence), [tr((w) => w.evidenceKind[e.kind]), evidenceReference(e)]]),
      [tr((w) => w.annulment.proposed), `${b.proposedBy.fullName}, ${dateTime(b.proposedAt, tz)}`],
      [tr((w) => w.annulment.approved), `${b.approvedBy.fullName}, ${dateTime(b.approvedAt, tz)}`, true],
    ];
    signers = [
      staffSigner(b.proposedBy, (w) => w.signature.inspector, "instead"),
      staffSigner(b.approvedBy, (w) => w.signature.approvedBy, "after"),
      officeHead,
    ];
  } else {
    text = tr((w) => w.annulment.onlineRefusal);
    basisRows = [
      [tr((w) => w.annulment.refusalSent), dateTime(b.requestedAt, tz)],
      [tr((w) => w.annulment.endsFrom), dateTime(b.accessEndsAt, tz), true],
    ];
    signers = [];
  }
  return (
    <TwoCopies
      meta={p.document}
      office={p.office}
      title={tr((w) => `${w.annulment.title} ${w.annulment.subtitle[b.kind]}`)}
      render={(copy) => (
        <CopyPage key={copy} copy={copy} meta={p.document} office={p.office} title={tr((w) => w.annulment.title)} subtitle={subtitle}>
          <Paragraph t={text} />
          <Fields
            rows={[
              ...subjectRows(p.subject),
              [tr((w) => w.annulment.login), p.login, true],
              [tr((w) => w.annulment.endedAt), dateTime(p.effectiveAt, tz), true],
            ]}
          />
          <Section t={tr((w) => w.annulment.basis)} />
          <Fields rows={basisRows} />
          {signers.length ? (
            <SignatureBlock stamp signers={signers} />
          ) : (
            <View style={{ marginTop: 12 }}>
              <Stacked t={tr((w) => w.annulment.unsigned)} style={[s.paragraph, { fontSize: 9 }]} second={{ fontSize: 8, color: "#333333" }} />
            </View>
          )}
          {copy === "office" && signers.length ? <ReceiptLine label={tr((w) => w.annulment.received)} /> : null}
        </CopyPage>
      )}
    />
  );
}
