import { eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { accessAccounts, annulments, applications, corrections, decisions, fictitiousEvidence, offices, staffUsers, taxpayers, type StoredApplicationForm } from "../../db/schema";
import type {
  AcceptanceMark,
  AnnulmentNoticeProps,
  ApplicationProps,
  DecisionGrantProps,
  DecisionRefusalProps,
  EvidenceRef,
  OfficeInfo,
  PoaCertifier,
  RefusalGround,
  LiftingActProps,
  RevocationActProps,
  StaffRef,
} from "../../templates/types";
import { formatCode } from "../application/code";
import { noticeContact } from "../application/contact";
import { currentAppealRoute } from "./appeal";
import { WorkflowError } from "../errors";
import type { Ground } from "../application/grounds";
import type { ApplicationContext } from "../application/machine";

/** Template props without `document`: the part that is stored, hashed and reprinted as is. */
export type Payload<P> = Omit<P, "document">;

type StoredCertifier = NonNullable<StoredApplicationForm["representative"]>["poaCertifiedBy"];
/** The form's certifiers are the paper's (R4; the RU seed's list): the paper words each one in its languages. */
type Assert<T extends true> = T;
export type SameCertifiers = Assert<[StoredCertifier] extends [PoaCertifier] ? ([PoaCertifier] extends [StoredCertifier] ? true : false) : false>;

const iso = (d: Date | string) => new Date(d).toISOString();

async function officeInfo(db: DbOrTx, code: string): Promise<OfficeInfo> {
  const [o] = await db.select().from(offices).where(eq(offices.code, code));
  if (!o) throw new WorkflowError("not_found", "office.not_found", { officeCode: code });
  return { code: o.code, name: o.name, address: o.address, headName: o.headName, timeZone: o.timeZone };
}

async function staffRef(db: DbOrTx, id: string | null): Promise<StaffRef> {
  if (!id) return { fullName: "—" };
  const [s] = await db.select({ fullName: staffUsers.fullName, role: staffUsers.role }).from(staffUsers).where(eq(staffUsers.id, id));
  if (!s) return { fullName: "—" };
  // The rank, not its words: the paper words it in the installation's languages.
  return { fullName: s.fullName, rank: s.role === "supervisor" ? "supervisor" : "inspector" };
}

async function evidenceRefs(db: DbOrTx, ids: string[]): Promise<EvidenceRef[]> {
  if (ids.length === 0) return [];
  const rows = await db.select().from(fictitiousEvidence).where(inArray(fictitiousEvidence.id, ids));
  return rows.map((e) => ({ kind: e.kind, number: e.documentNumber, date: String(e.documentDate), issuer: e.issuer }));
}

async function loadApplication(db: DbOrTx, id: string) {
  const [app] = await db.select().from(applications).where(eq(applications.id, id));
  if (!app) throw new WorkflowError("not_found", "application.not_found");
  return app;
}

/** The paper says what the notices will do: noticeContact is the one answer. */
function noticesOnPaper(form: StoredApplicationForm): ApplicationProps["notices"] {
  return noticeContact(form)?.channel ?? "none";
}

/**
 * The application as printed: the form the applicant saved and, once accepted (R7), the acceptance
 * mark. Printed online it has no office yet.
 */
export async function applicationPayload(db: DbOrTx, applicationId: string): Promise<Payload<ApplicationProps>> {
  const app = await loadApplication(db, applicationId);
  const form = app.form;
  let acceptance: AcceptanceMark | null = null;
  let office: OfficeInfo | null = null;
  if (app.officeCode) office = await officeInfo(db, app.officeCode);
  if (app.incomingNumber && app.acceptedAt && office) {
    acceptance = { incomingNumber: app.incomingNumber, acceptedAt: iso(app.acceptedAt), officeName: office.name, inspector: await staffRef(db, app.acceptedBy) };
  }
  let login: string | null = null;
  if (app.requestKind === "annul") {
    const [account] = await db.select({ login: accessAccounts.login }).from(accessAccounts).where(eq(accessAccounts.inn, app.inn));
    login = account?.login ?? null;
  }
  const rep = form.representative;
  return {
    office: acceptance ? office : null,
    requestKind: app.requestKind,
    code: formatCode(app.code),
    createdAt: iso(app.createdAt),
    subject: { inn: app.inn, name: app.applicantName, type: app.subjectType },
    head: form.headName ? { fullName: form.headName } : null,
    representative: rep
      ? {
          fullName: rep.name,
          identityDocument: rep.idDocument,
          powerOfAttorney: { number: rep.poaNumber, date: rep.poaDate, certifier: rep.poaCertifiedBy, certifiedBy: rep.poaCertifierName },
        }
      : null,
    legalRepresentative: form.minor
      ? { fullName: form.minor.legalRepName, birthCertificate: form.minor.birthCertificate, passport: form.minor.legalRepPassport }
      : null,
    contacts: { phone: form.phone ?? "", email: form.email ?? "" },
    notices: noticesOnPaper(form),
    login,
    acceptance,
  };
}

export type DecisionPayload =
  | { kind: "decision_grant"; payload: Payload<DecisionGrantProps> }
  | { kind: "decision_refusal"; payload: Payload<DecisionRefusalProps> };

/**
 * A decision as printed (R10, R11): the login on a grant (R12, R15), the grounds on a refusal (R9)
 * and where it can be appealed, as the installation says at the moment it is issued (decision 059).
 */
export async function decisionPayload(db: DbOrTx, decisionId: string): Promise<DecisionPayload & { officeCode: string; inn: string; number: string }> {
  const [d] = await db.select().from(decisions).where(eq(decisions.id, decisionId));
  if (!d) throw new WorkflowError("not_found", "not_found");
  const app = await loadApplication(db, d.applicationId);
  const office = await officeInfo(db, d.officeCode);
  const requestKind = app.requestKind === "restore" ? "restore" : "grant";
  const common = {
    office,
    subject: { inn: app.inn, name: app.applicantName, type: app.subjectType },
    requestKind,
    application: { incomingNumber: app.incomingNumber ?? "—", acceptedAt: iso(app.acceptedAt ?? d.decidedAt), code: formatCode(app.code) },
    decidedAt: iso(d.decidedAt),
    inspector: await staffRef(db, d.decidedBy),
  } as const;
  if (d.outcome === "granted") {
    // A grant always records its effect (constraint decisions_effect_of_grant).
    if (!d.effect) throw new Error(`decision ${d.id}: a grant without its effect`);
    return { kind: "decision_grant", officeCode: d.officeCode, inn: app.inn, number: d.number, payload: { ...common, effect: d.effect, login: d.login ?? "" } };
  }
  const grounds = d.grounds as Ground[];
  const printed: RefusalGround[] = [];
  if (grounds.some((g) => g.ground === "no_registration")) printed.push({ ground: "no_registration" });
  const evidenceIds = grounds.flatMap((g) => (g.ground === "fictitious_activity" ? [g.evidenceId] : []));
  if (evidenceIds.length > 0) printed.push({ ground: "fictitious_activity", evidence: await evidenceRefs(db, evidenceIds) });
  return { kind: "decision_refusal", officeCode: d.officeCode, inn: app.inn, number: d.number, payload: { ...common, grounds: printed, appeal: currentAppealRoute() } };
}

/** The notice that access ended: on request (R18–R20) or for fictitious activity once approved (R21). */
export async function annulmentPayload(db: DbOrTx, annulmentId: string): Promise<{ officeCode: string; inn: string; payload: Payload<AnnulmentNoticeProps> }> {
  const [a] = await db.select().from(annulments).where(eq(annulments.id, annulmentId));
  if (!a) throw new WorkflowError("not_found", "annulment.not_found");
  const [account] = await db.select().from(accessAccounts).where(eq(accessAccounts.id, a.accountId));
  const office = await officeInfo(db, a.officeCode);
  if (!a.effectiveAt || (a.status !== "entered" && a.status !== "approved" && a.status !== "scheduled")) {
    throw new WorkflowError("conflict", "application.event_not_allowed", { annulmentStatus: a.status });
  }
  let name = account.inn;
  let type: ApplicationProps["subject"]["type"] = "individual";
  let basis: AnnulmentNoticeProps["basis"];
  if (a.kind === "on_request") {
    const app = await loadApplication(db, a.applicationId!);
    name = app.applicantName;
    type = app.subjectType;
    basis = {
      kind: "on_request",
      application: { incomingNumber: app.incomingNumber ?? "—", acceptedAt: iso(app.acceptedAt ?? a.proposedAt) },
      enteredAt: iso(a.decidedAt ?? a.effectiveAt),
      inspector: await staffRef(db, a.decidedBy),
    };
  } else {
    const [latest] = await db
      .select({ name: applications.applicantName, type: applications.subjectType })
      .from(applications)
      .where(eq(applications.inn, account.inn))
      .limit(1);
    if (latest) ({ name, type } = latest);
    basis =
      a.kind === "fictitious_activity"
        ? {
            kind: "fictitious_activity",
            evidence: await evidenceRefs(db, a.evidenceId ? [a.evidenceId] : []),
            proposedBy: await staffRef(db, a.proposedBy),
            proposedAt: iso(a.proposedAt),
            approvedBy: await staffRef(db, a.decidedBy),
            approvedAt: iso(a.decidedAt ?? a.effectiveAt),
          }
        : { kind: "online_refusal", requestedAt: iso(a.proposedAt), accessEndsAt: iso(a.effectiveAt) };
  }
  return {
    officeCode: a.officeCode,
    inn: account.inn,
    payload: { office, subject: { inn: account.inn, name, type }, login: account.login, effectiveAt: iso(a.effectiveAt), basis },
  };
}

/**
 * The notice of an annulment application that found the access annulled earlier (decision 047):
 * its own paper, with its incoming number and the earlier annulment as the application recorded it
 * when it closed.
 */
export async function alreadyAnnulledPayload(
  db: DbOrTx,
  applicationId: string,
): Promise<{ officeCode: string; inn: string; number: string; payload: Payload<AnnulmentNoticeProps> }> {
  const app = await loadApplication(db, applicationId);
  const earlier = (app.snapshot as { context: ApplicationContext }).context.alreadyAnnulled;
  if (app.status !== "already_annulled" || !earlier?.noticeNumber || !app.officeCode) {
    throw new WorkflowError("conflict", "application.event_not_allowed", { status: app.status });
  }
  const [account] = await db.select({ login: accessAccounts.login }).from(accessAccounts).where(eq(accessAccounts.inn, app.inn));
  return {
    officeCode: app.officeCode,
    inn: app.inn,
    number: earlier.noticeNumber,
    payload: {
      office: await officeInfo(db, app.officeCode),
      subject: { inn: app.inn, name: app.applicantName, type: app.subjectType },
      login: account?.login ?? "—",
      effectiveAt: earlier.at,
      basis: {
        kind: "already_annulled",
        application: { incomingNumber: app.incomingNumber ?? "—", acceptedAt: iso(app.acceptedAt ?? app.closedAt ?? earlier.at) },
        earlier: earlier.for,
        closedAt: iso(app.closedAt ?? earlier.at),
        inspector: await staffRef(db, app.closedBy),
      },
    },
  };
}

/**
 * Decision 063: the act revoking a decision, once approved — which decision, why, who proposed and
 * who approved, and what it did to the access (fixed with the approval).
 */
export async function revocationPayload(db: DbOrTx, correctionId: string): Promise<{ officeCode: string; inn: string; number: string; payload: Payload<RevocationActProps> }> {
  const [c] = await db.select().from(corrections).where(eq(corrections.id, correctionId));
  if (!c || c.kind !== "revoke_decision") throw new WorkflowError("not_found", "correction.not_found");
  if (c.status !== "approved" || !c.number || !c.decidedAt) throw new WorkflowError("conflict", "correction.not_approved", { status: c.status });
  const [d] = await db.select().from(decisions).where(eq(decisions.id, c.targetId));
  const app = await loadApplication(db, d.applicationId);
  return {
    officeCode: c.officeCode,
    inn: app.inn,
    number: c.number,
    payload: {
      office: await officeInfo(db, c.officeCode),
      subject: { inn: app.inn, name: app.applicantName, type: app.subjectType },
      revoked: { outcome: d.outcome, requestKind: app.requestKind === "restore" ? "restore" : "grant", number: d.number, decidedAt: iso(d.decidedAt) },
      reason: c.reason,
      effect: c.accountEffect ?? null,
      login: c.accountEffect === "annulled" ? d.login : null,
      proposedBy: await staffRef(db, c.proposedBy),
      proposedAt: iso(c.proposedAt),
      approvedBy: await staffRef(db, c.decidedBy),
      approvedAt: iso(c.decidedAt),
    },
  };
}

/** Decision 063: the act lifting evidence, once approved — which evidence, on which document, who proposed and who approved. */
export async function liftingPayload(db: DbOrTx, correctionId: string): Promise<{ officeCode: string; inn: string; number: string; payload: Payload<LiftingActProps> }> {
  const [c] = await db.select().from(corrections).where(eq(corrections.id, correctionId));
  if (!c || c.kind !== "lift_evidence") throw new WorkflowError("not_found", "correction.not_found");
  if (c.status !== "approved" || !c.number || !c.decidedAt) throw new WorkflowError("conflict", "correction.not_approved", { status: c.status });
  const [evidence] = await evidenceRefs(db, [c.targetId]);
  const [t] = await db.select({ name: taxpayers.name, type: taxpayers.subjectType }).from(taxpayers).where(eq(taxpayers.inn, c.subjectInn));
  return {
    officeCode: c.officeCode,
    inn: c.subjectInn,
    number: c.number,
    payload: {
      office: await officeInfo(db, c.officeCode),
      subject: { inn: c.subjectInn, name: t?.name ?? c.subjectInn, type: t?.type ?? "individual" },
      evidence,
      basis: { number: c.documentNumber ?? "—", date: String(c.documentDate ?? ""), issuer: c.documentIssuer ?? "—" },
      reason: c.reason,
      proposedBy: await staffRef(db, c.proposedBy),
      proposedAt: iso(c.proposedAt),
      approvedBy: await staffRef(db, c.decidedBy),
      approvedAt: iso(c.decidedAt),
    },
  };
}
