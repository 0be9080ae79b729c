import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { offices, printedDocuments } from "../../db/schema";
import { paperStanding, type Standing } from "../acts/standing";
import { extractAnchoring, type ExtractAnchoring } from "../journal/extract-anchoring";
import { documentHash } from "./hash";
import type { PrintedKind } from "./number";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The QR code carries 16 hex digits (64 bits); fewer would let a forger guess. */
const HASH_PREFIX = /^[0-9a-f]{16,64}$/;

export type DocumentOutcome = "submitted" | "accepted" | "granted" | "refused" | "annulled" | "already_annulled" | "access_ended" | "extract" | "revocation" | "lifting";

/** What the public verification page may show: only what is printed anyway, no name and no INN. */
export type Verification =
  | {
      genuine: true;
      kind: PrintedKind;
      number: string;
      issuedAt: string;
      officeName: string | null;
      /** The issuing office's zone, in which the issue time is read (null: issued online, no office). */
      timeZone: string | null;
      outcome: DocumentOutcome;
      reprints: number;
      /** Whether what the paper states still has effect (a grant annulled since is genuine but ended). */
      standing: Standing | null;
      /** A journal extract: whether its entries are protected by a time stamp now (decision 062). */
      anchoring: ExtractAnchoring | null;
    }
  | {
      genuine: false;
      kind: null;
      number: null;
      issuedAt: null;
      officeName: null;
      timeZone: null;
      outcome: null;
      reprints: null;
      standing: null;
      anchoring: null;
    };

const NOT_GENUINE: Verification = {
  genuine: false,
  kind: null,
  number: null,
  issuedAt: null,
  officeName: null,
  timeZone: null,
  outcome: null,
  reprints: null,
  standing: null,
  anchoring: null,
};

function outcomeOf(kind: PrintedKind, payload: unknown): DocumentOutcome {
  const p = (payload ?? {}) as {
    acceptance?: unknown;
    basis?: { kind?: string };
  };
  switch (kind) {
    case "application":
      return p.acceptance ? "accepted" : "submitted";
    case "decision_grant":
      return "granted";
    case "decision_refusal":
      return "refused";
    case "annulment_notice":
      return p.basis?.kind === "online_refusal" ? "access_ended" : p.basis?.kind === "already_annulled" ? "already_annulled" : "annulled";
    case "refusal_notice":
      return "access_ended";
    case "journal_extract":
      return "extract";
    case "revocation_act":
      return "revocation";
    case "lifting_act":
      return "lifting";
  }
}

/**
 * The QR code's check: the id exists, the hash prefix matches, and the stored record still hashes to
 * its recorded hash (an edit of the row in SQL makes the paper not genuine rather than "confirmed").
 */
export async function verifyDocument(db: DbOrTx, documentId: string, hashPrefix: string, now: Date): Promise<Verification> {
  const prefix = hashPrefix.trim().toLowerCase();
  if (!UUID.test(documentId) || !HASH_PREFIX.test(prefix)) return NOT_GENUINE;
  const [row] = await db
    .select({ doc: printedDocuments, officeName: offices.name, timeZone: offices.timeZone })
    .from(printedDocuments)
    .leftJoin(offices, eq(offices.code, printedDocuments.officeCode))
    .where(eq(printedDocuments.id, documentId));
  if (!row) return NOT_GENUINE;
  const d = row.doc;
  const issuedAt = new Date(d.issuedAt);
  if (!d.contentHash.startsWith(prefix)) return NOT_GENUINE;
  if (
    documentHash({
      id: d.id,
      kind: d.kind,
      number: d.number,
      issuedAt,
      payload: d.payload,
    }) !== d.contentHash
  )
    return NOT_GENUINE;
  return {
    genuine: true,
    kind: d.kind,
    number: d.number,
    issuedAt: issuedAt.toISOString(),
    officeName: row.officeName,
    timeZone: row.timeZone,
    outcome: outcomeOf(d.kind, d.payload),
    reprints: d.reprints,
    standing: await paperStanding(db, d, now),
    anchoring: d.kind === "journal_extract" ? await extractAnchoring(db, { payload: d.payload, subjectInn: d.subjectInn, issuedAt }) : null,
  };
}
