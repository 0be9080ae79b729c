import { calendarDate, dateTime, evidenceReference } from "./format";
import { tr } from "./labels";
import { CopyPage, TwoCopies } from "./layout/CopyPage";
import { Fields, Paragraph, subjectRows } from "./layout/Fields";
import { SignatureBlock, staffSigner } from "./layout/SignatureBlock";
import type { LiftingActProps } from "./types";

/**
 * Decision 063: the decision lifting evidence of fictitious activity — which evidence, on which
 * document, who proposed and who approved (four eyes). The evidence stays in the record; decisions
 * made on it are not changed.
 */
export function LiftingActDocument(p: LiftingActProps) {
  const tz = p.document.timeZone;
  return (
    <TwoCopies
      meta={p.document}
      office={p.office}
      title={tr((w) => `${w.revocation.title} ${w.lifting.subtitle}`)}
      render={(copy) => (
        <CopyPage key={copy} copy={copy} meta={p.document} office={p.office} title={tr((w) => w.revocation.title)} subtitle={tr((w) => w.lifting.subtitle)}>
          <Paragraph t={tr((w) => w.lifting.text)} />
          <Fields
            rows={[
              ...subjectRows(p.subject),
              [tr((w) => w.lifting.evidence), [tr((w) => w.evidenceKind[p.evidence.kind]), evidenceReference(p.evidence)], true],
              [tr((w) => w.lifting.basis), `№ ${p.basis.number}, ${calendarDate(p.basis.date)}, ${p.basis.issuer}`, true],
              [tr((w) => w.lifting.reason), p.reason],
              [tr((w) => w.revocation.proposed), `${p.proposedBy.fullName}, ${dateTime(p.proposedAt, tz)}`],
              [tr((w) => w.revocation.approved), `${p.approvedBy.fullName}, ${dateTime(p.approvedAt, tz)}`, true],
            ]}
          />
          <Paragraph t={tr((w) => w.lifting.effect)} />
          <SignatureBlock
            stamp
            signers={[
              staffSigner(p.proposedBy, (w) => w.revocation.proposed, "after"),
              staffSigner(p.approvedBy, (w) => w.revocation.approved, "after"),
              { role: tr((w) => w.signature.officeHead), name: p.office.headName },
            ]}
          />
        </CopyPage>
      )}
    />
  );
}
