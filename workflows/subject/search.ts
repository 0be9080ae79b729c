import { and, asc, count, eq, gte, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { accessAccounts, applications, offices, taxpayers } from "../../db/schema";
import { isValidCode, normalizeCode } from "../application/code";
import { normalizeLogin } from "../account/login";
import { normalizeInn } from "../registry/inn";

export type SearchKind = "inn" | "code" | "login" | "name";

export interface SubjectHit {
  inn: string;
  name: string;
  subjectType: "individual" | "entrepreneur" | "legal_entity" | "foreign_resident";
  /** Null when the registry does not hold the INN (only an application names it). */
  officeCode: string | null;
  /** The office's name, so a page never names an office by its code alone. */
  officeName: string | null;
  registrationStatus: "registered" | "deregistered" | null;
  login: string | null;
  accountStatus: "active" | "suspended" | "locked" | "annulled" | null;
}

export interface SearchResult {
  kind: SearchKind | null;
  hits: SubjectHit[];
  total: number;
  page: number;
  pageSize: number;
}

/** What the typed text is: digits -> INN (or its beginning), a valid code, a login, else a name. */
export function searchKind(raw: string): SearchKind | null {
  const q = raw.trim();
  if (q.length === 0) return null;
  if (/^[\d\s-]+$/.test(q)) return "inn";
  if (/^kb-/i.test(q)) return "login";
  if (isValidCode(q)) return "code";
  return "name";
}

/** Name words as a prefix full-text query: "мамыт айг" -> 'мамыт:* & айг:*'. Only letters and digits pass. */
export function namePrefixQuery(raw: string): string | null {
  const words = raw.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words.slice(0, 6).map((w) => `${w}:*`).join(" & ");
}

/** The smallest digit string greater than every string that starts with `prefix` (an index range). */
function digitsUpperBound(prefix: string): string | null {
  let p = prefix;
  while (p.length > 0 && p.endsWith("9")) p = p.slice(0, -1);
  if (p.length === 0) return null;
  return p.slice(0, -1) + String(Number(p[p.length - 1]) + 1);
}

const hitColumns = {
  inn: taxpayers.inn,
  name: taxpayers.name,
  subjectType: taxpayers.subjectType,
  officeCode: taxpayers.officeCode,
  officeName: offices.name,
  registrationStatus: taxpayers.registrationStatus,
  login: accessAccounts.login,
  accountStatus: accessAccounts.status,
};

/** One subject by INN: from the registry, else from its newest application. */
async function subjectByInn(db: DbOrTx, inn: string): Promise<SubjectHit | null> {
  const [reg] = await db
    .select(hitColumns)
    .from(taxpayers)
    .leftJoin(accessAccounts, eq(accessAccounts.inn, taxpayers.inn))
    .leftJoin(offices, eq(offices.code, taxpayers.officeCode))
    .where(eq(taxpayers.inn, inn));
  if (reg) return reg;
  const [app] = await db
    .select({ inn: applications.inn, name: applications.applicantName, subjectType: applications.subjectType, login: accessAccounts.login, accountStatus: accessAccounts.status })
    .from(applications)
    .leftJoin(accessAccounts, eq(accessAccounts.inn, applications.inn))
    .where(eq(applications.inn, inn))
    .orderBy(sql`${applications.createdAt} desc`)
    .limit(1);
  return app ? { ...app, officeCode: null, officeName: null, registrationStatus: null } : null;
}

/**
 * Staff search (by INN or its beginning, application code, login, or words of the name). Exact
 * kinds use unique indexes; the INN prefix is an index range; a name uses the full-text index on
 * the registry's names (word prefixes), so a page stays fast with 100,000 taxpayers.
 */
export async function searchSubjects(db: DbOrTx, raw: string, { page = 1, pageSize = 25 }: { page?: number; pageSize?: number } = {}): Promise<SearchResult> {
  const kind = searchKind(raw);
  const size = Math.min(Math.max(1, pageSize), 100);
  const current = Math.max(1, Math.floor(page));
  const empty: SearchResult = { kind, hits: [], total: 0, page: current, pageSize: size };
  if (kind === null) return empty;
  const single = (hit: SubjectHit | null): SearchResult => ({ ...empty, hits: hit && current === 1 ? [hit] : [], total: hit ? 1 : 0 });

  if (kind === "code") {
    const [app] = await db.select({ inn: applications.inn }).from(applications).where(eq(applications.code, normalizeCode(raw)));
    return single(app ? await subjectByInn(db, app.inn) : null);
  }
  if (kind === "login") {
    const [acc] = await db.select({ inn: accessAccounts.inn }).from(accessAccounts).where(eq(accessAccounts.login, normalizeLogin(raw)));
    return single(acc ? await subjectByInn(db, acc.inn) : null);
  }
  if (kind === "inn") {
    const digits = normalizeInn(raw);
    if (digits.length === 14) return single(await subjectByInn(db, digits));
    const upper = digitsUpperBound(digits);
    const where = upper ? and(gte(taxpayers.inn, digits), lt(taxpayers.inn, upper)) : gte(taxpayers.inn, digits);
    return paged(db, where, asc(taxpayers.inn), current, size, kind);
  }
  const tsq = namePrefixQuery(raw);
  if (!tsq) return empty;
  const where = sql`to_tsvector('simple', ${taxpayers.name}) @@ to_tsquery('simple', ${tsq})`;
  return paged(db, where, asc(taxpayers.name), current, size, kind);
}

async function paged(db: DbOrTx, where: ReturnType<typeof and>, order: ReturnType<typeof asc>, page: number, size: number, kind: SearchKind): Promise<SearchResult> {
  const [{ total }] = await db.select({ total: count() }).from(taxpayers).where(where);
  const hits = await db
    .select(hitColumns)
    .from(taxpayers)
    .leftJoin(accessAccounts, eq(accessAccounts.inn, taxpayers.inn))
    .leftJoin(offices, eq(offices.code, taxpayers.officeCode))
    .where(where)
    .orderBy(order, asc(taxpayers.inn))
    .limit(size)
    .offset((page - 1) * size);
  return { kind, hits, total: Number(total), page, pageSize: size };
}
