import { dateTime } from "./format";
import { tr } from "./labels";
import { CopyPage, TwoCopies } from "./layout/CopyPage";
import { Fields, Paragraph, subjectRows, type FieldRow } from "./layout/Fields";
import { ReceiptLine, SignatureBlock, staffSigner, type Signer } from "./layout/SignatureBlock";
import type { RevocationActProps } from "./types";

/**
 * Decision 063: «Решение об отмене решения». Which decision is revoked and why, what that did to the
 * access, who proposed and who approved (four eyes), signed by both and the office head.
 */
export function RevocationActDocument(p: RevocationActProps) {
  const tz = p.document.timeZone;
  const r = p.revoked;
  const decidedAt = dateTime(r.decidedAt, tz);
  const effect = p.effect ?? "refusal";
  const rows: FieldRow[] = [
    ...subjectRows(p.subject),
    [tr((w) => w.revocation.revoked), `№ ${r.number}, ${decidedAt}`, true],
    ...(p.login && p.effect === "annulled" ? [[tr((w) => w.revocation.login), p.login] as FieldRow] : []),
  ];
  const signers: Signer[] = [
    staffSigner(p.proposedBy, (w) => w.revocation.proposed, "after"),
    staffSigner(p.approvedBy, (w) => w.revocation.approved, "after"),
    { role: tr((w) => w.signature.officeHead), name: p.office.headName },
  ];
  return (
    <TwoCopies
      meta={p.document}
      office={p.office}
      title={tr((w) => `${w.revocation.title} ${w.revocation.subtitle}`)}
      render={(copy) => (
        <CopyPage key={copy} copy={copy} meta={p.document} office={p.office} title={tr((w) => w.revocation.title)} subtitle={tr((w) => w.revocation.subtitle)}>
          <Paragraph t={tr((w) => w.revocation.text(r.outcome, r.requestKind, r.number, decidedAt))} />
          <Fields rows={rows} />
          <Fields
            rows={[
              [tr((w) => w.revocation.reason), p.reason],
              [tr((w) => w.revocation.proposed), `${p.proposedBy.fullName}, ${dateTime(p.proposedAt, tz)}`],
              [tr((w) => w.revocation.approved), `${p.approvedBy.fullName}, ${dateTime(p.approvedAt, tz)}`, true],
            ]}
          />
          <Paragraph t={tr((w) => w.revocation.effect[effect])} />
          <SignatureBlock stamp signers={signers} />
          {copy === "office" ? <ReceiptLine label={tr((w) => w.decision.received)} /> : null}
        </CopyPage>
      )}
    />
  );
}
