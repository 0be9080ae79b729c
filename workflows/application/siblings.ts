import { sql } from "drizzle-orm";
import { decisionIsRevoked } from "../corrections/revoked";
import { queryRows, type DbOrTx } from "../../db/client";

/**
 * One subject, several applications: what a presentation must know of the others, and what the
 * desk shows of them. Only grant and restore applications give a password, so only they compete:
 * one of them at a desk at a time, and none presented once access was granted after it was saved —
 * two grants from two open applications never both happen (decision 055).
 */

/** Another application of the subject at a desk (presented or accepted). */
export interface OtherAtDesk {
  id: string;
  code: string;
  status: string;
}

/** The subject's latest grant: one decided after this application was saved means its password is no longer the one to set. */
export interface LastGrant {
  number: string;
  at: string;
}

export interface PresentFacts {
  atDesk: OtherAtDesk | null;
  lastGrant: LastGrant | null;
}

/**
 * Serialises the presentations and grants of one subject (an advisory lock on the INN, held to the
 * end of the transaction): two inspectors presenting two applications of one INN at the same
 * moment are taken one after the other, so the second sees the first at the desk.
 */
export async function lockSubject(tx: DbOrTx, inn: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`subject:${inn}`}))`);
}

/** What PRESENT's guard reads of the subject's other applications, in one statement. */
export async function presentFacts(tx: DbOrTx, app: { id: string; inn: string }): Promise<PresentFacts> {
  const [row] = await queryRows<{ at_desk: unknown; last_grant: unknown }>(
    tx,
    sql`select
          (select json_build_object('id', a.id, 'code', a.code, 'status', a.status)
             from applications a
             where a.inn = ${app.inn} and a.id <> ${app.id} and a.status in ('presented', 'accepted') and a.request_kind in ('grant', 'restore')
             order by a.created_at limit 1) as at_desk,
          (select json_build_object('number', d.number, 'at', d.decided_at)
             from decisions d join applications a on a.id = d.application_id
             where a.inn = ${app.inn} and d.outcome = 'granted'
               -- A grant revoked since no longer stands (decision 063): it holds nothing back.
               and not ${decisionIsRevoked(sql.raw("d.id"))}
             order by d.decided_at desc limit 1) as last_grant`,
  );
  const parse = <T>(v: unknown): T | null => (v == null ? null : ((typeof v === "string" ? JSON.parse(v) : v) as T));
  const lastGrant = parse<LastGrant>(row.last_grant);
  return { atDesk: parse<OtherAtDesk>(row.at_desk), lastGrant: lastGrant ? { ...lastGrant, at: new Date(lastGrant.at).toISOString() } : null };
}

/** An application of the same subject that is not closed, as the desk lists it. */
export interface SiblingApplication {
  id: string;
  code: string;
  kind: string;
  status: string;
  officeCode: string | null;
  savedAt: Date;
}

/** The subject's other applications still open (not decided, entered or expired), oldest first. */
export async function openSiblings(db: DbOrTx, app: { id: string; inn: string }): Promise<SiblingApplication[]> {
  const rows = await queryRows<{ id: string; code: string; kind: string; status: string; office_code: string | null; created_at: string | Date }>(
    db,
    sql`select id, code, request_kind as kind, status, office_code, created_at from applications
        where inn = ${app.inn} and id <> ${app.id} and status in ('draft', 'presented', 'returned', 'accepted')
        order by created_at`,
  );
  return rows.map((r) => ({ id: r.id, code: r.code, kind: r.kind, status: r.status, officeCode: r.office_code, savedAt: new Date(r.created_at) }));
}
