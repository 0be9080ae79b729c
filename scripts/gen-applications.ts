/**
 * Fills a migrated PostgreSQL database with applications for scale and load benchmarks.
 *
 *   npx tsx scripts/gen-applications.ts <count> <database URL>
 *   npx tsx scripts/gen-applications.ts 1000000 postgres://postgres@127.0.0.1:5432/bench
 *
 * Every row carries a real machine snapshot (made by running the application machine once per
 * status on placeholder values, then filled in per row by SQL `replace`), and its status and time
 * columns are read back from that snapshot the way `writeApplication` derives them, so the
 * lifecycle functions accept generated rows as their own. Rows are inserted server-side in batches
 * (one array of codes per statement; everything else computed by SQL), with a registry entry per
 * INN (none for refused ones: "not registered" is their ground) and a decision per granted/refused
 * application. Not generated: journal entries and access accounts (lookups do not read them).
 *
 * Distribution: history (granted, refused, expired) grows with `count`; what is open on the
 * front-desk board (presented/accepted) is a fixed number (`openPerOffice` × offices, spread by the
 * offices' weights), as on a real office day, whatever the size of the history.
 * All rows holding a password share one Argon2id hash of a random secret, made once.
 */
import { randomInt } from "node:crypto";
import postgres from "postgres";
import { initialTransition, transition } from "xstate";
import { applicationMachine, type ApplicationEvent } from "../workflows/application/machine";
import { checkSymbol, CODE_ALPHABET, CODE_PAYLOAD_LENGTH } from "../workflows/application/code";
import { requiredChecklist } from "../workflows/application/checklist";
import { hashPassword } from "../workflows/auth/argon";
import { DEFAULT_DRAFT_TTL_DAYS } from "../workflows/clock/deadlines";

export type GenStatus = "draft" | "returned" | "presented" | "accepted" | "granted" | "refused" | "expired";

export interface GenOptions {
  count: number;
  now?: Date;
  /** Weights of the history statuses (open ones come from `openPerOffice`). */
  mix?: Partial<Record<GenStatus, number>>;
  /** Presented/accepted applications per office; capped by `count`. */
  openPerOffice?: number;
  /** Share of the open ones still presented (not yet accepted), in fifths: 0..5, default 2. */
  presentedFifths?: number;
  /** Open ones were presented this many minutes ago at most (at least `openMinAgeMinutes`). */
  openMaxAgeMinutes?: number;
  openMinAgeMinutes?: number;
  /** Weights of the offices; created (with one inspector each) when missing. */
  offices?: Record<string, number>;
  batch?: number;
  /** Statements in flight at once (the `sql` pool needs as many connections). */
  parallel?: number;
  log?: (line: string) => void;
}

export const DEFAULT_MIX: Record<GenStatus, number> = { granted: 62, refused: 6, expired: 24, draft: 6, returned: 2, presented: 0, accepted: 0 };
export const DEFAULT_OFFICES: Record<string, number> = { "002": 35, "003": 30, "004": 20, "008": 15 };

const T0 = "2000-01-01T00:00:00.000Z";
const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();
const MIN = 60_000;
const P = { inn: "__INN__", code: "__CODE__", office: "__OFF__", staff: "__STAFF__", incoming: "__INCOMING__" };

/** The persisted snapshot of each status, on placeholder values and times counted from T0. */
export function snapshotTemplates(): Record<GenStatus, string> {
  const input = { kind: "grant" as const, inn: P.inn, code: P.code, savedAt: T0, expiresAt: at(DEFAULT_DRAFT_TTL_DAYS * 86_400_000) };
  const [draft] = initialTransition(applicationMachine, input);
  const run = (events: ApplicationEvent[]) => events.reduce((s, e) => transition(applicationMachine, s, e)[0], draft);
  const present: ApplicationEvent = { type: "PRESENT", at: at(60 * MIN), by: P.staff, officeCode: P.office };
  const required = requiredChecklist({ subjectType: "individual" });
  const accept: ApplicationEvent = { type: "ACCEPT", at: at(65 * MIN), by: P.staff, incomingNumber: P.incoming, ticked: required, required, entryDueAt: null };
  const noReg = [{ ground: "no_registration" as const }];
  const snaps = {
    draft,
    presented: run([present]),
    returned: run([present, { type: "RETURN", at: at(65 * MIN), by: P.staff, reasons: ["Нет документа"], expiresAt: at(65 * MIN + DEFAULT_DRAFT_TTL_DAYS * 86_400_000) }]),
    accepted: run([present, accept]),
    granted: run([present, accept, { type: "GRANT", at: at(70 * MIN), by: P.staff, found: [] }]),
    refused: run([present, accept, { type: "REFUSE", at: at(70 * MIN), by: P.staff, grounds: noReg, found: noReg }]),
    expired: run([{ type: "EXPIRE", at: at(DEFAULT_DRAFT_TTL_DAYS * 86_400_000) }]),
  };
  const out = {} as Record<GenStatus, string>;
  for (const [status, snap] of Object.entries(snaps)) {
    if (String(snap.value) !== status) throw new Error(`template for ${status} ended in ${String(snap.value)}`);
    out[status as GenStatus] = JSON.stringify(applicationMachine.getPersistedSnapshot(snap));
  }
  return out;
}

function uniqueCodes(n: number, seen: Set<string>): string[] {
  const codes: string[] = [];
  while (codes.length < n) {
    let payload = "";
    for (let i = 0; i < CODE_PAYLOAD_LENGTH; i++) payload += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    const code = payload + checkSymbol(payload);
    if (seen.has(code)) continue;
    seen.add(code);
    codes.push(code);
  }
  return codes;
}

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** `case when h < w1 then v1 when h < w1+w2 then v2 ... end` over weights summing to `scale`. */
function weighted(h: string, weights: [string, number][], scale: number): string {
  const positive = weights.filter(([, w]) => w > 0);
  // Nothing weighted (every row open): the branch is never taken, any value will do.
  if (positive.length === 0) return lit(weights[0][0]);
  const total = positive.reduce((a, [, w]) => a + w, 0);
  let acc = 0;
  const arms = positive.map(([v, w]) => {
    acc += (w / total) * scale;
    return `when ${h} < ${Math.round(acc)} then ${lit(v)}`;
  });
  return `case ${arms.join(" ")} else ${lit(positive.at(-1)![0])} end`;
}

async function ensureOffices(sql: postgres.Sql, codes: string[]): Promise<Map<string, string>> {
  const staff = new Map<string, string>();
  for (const code of codes) {
    await sql`insert into offices (code, name, address, head_name) values (${code}, ${"Office " + code}, ${"Address " + code}, ${"Head " + code}) on conflict do nothing`;
    const [row] = await sql<{ id: string }[]>`
      insert into staff_users (username, full_name, role, office_code, password_hash)
      values (${"gen-inspector-" + code}, ${"Inspector " + code}, 'inspector', ${code}, 'not-a-login-hash')
      on conflict (username) do update set username = excluded.username
      returning id`;
    staff.set(code, row.id);
  }
  return staff;
}

/** Inserts `count` applications; returns how many of each status and how long it took. */
export async function generateApplications(sql: postgres.Sql, opts: GenOptions): Promise<{ inserted: number; byStatus: Record<string, number>; seconds: number }> {
  const started = performance.now();
  const now = opts.now ?? new Date();
  const officeWeights = Object.entries(opts.offices ?? DEFAULT_OFFICES);
  const mix = { ...DEFAULT_MIX, ...opts.mix };
  const staff = await ensureOffices(sql, officeWeights.map(([c]) => c));
  const openTotal = Math.min(opts.count, (opts.openPerOffice ?? 40) * officeWeights.length);
  const openMax = opts.openMaxAgeMinutes ?? 19;
  const openMin = opts.openMinAgeMinutes ?? 0;
  const batch = opts.batch ?? 50_000;
  const passwordHash = await hashPassword(crypto.randomUUID());
  const templates = snapshotTemplates();
  const [{ base }] = await sql<{ base: string }[]>`select count(*)::bigint as base from applications`;
  const first = Number(base);

  // Times in the templates, as offsets from T0, so each row can shift them to its own start.
  const stamps = [...new Set(Object.values(templates).join(" ").match(/\d{4}-\d\d-\d\dT[\d:.]+Z/g) ?? [])];
  const ts = (ms: number) => `to_char((t0 + interval '${ms} milliseconds') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  let snapExpr = `case status ${Object.entries(templates).map(([s, t]) => `when ${lit(s)} then ${lit(t)}`).join(" ")} end`;
  for (const [k, v] of [
    [P.inn, "inn"],
    [P.code, "code"],
    [P.office, "office"],
    [P.staff, `(case office ${[...staff].map(([o, id]) => `when ${lit(o)} then ${lit(id)}`).join(" ")} end)`],
    [P.incoming, `office || '/' || extract(year from t0)::int || '/G' || n`],
  ]) snapExpr = `replace(${snapExpr}, ${lit(k)}, ${v})`;
  for (const s of stamps) snapExpr = `replace(${snapExpr}, ${lit(s)}, ${ts(Date.parse(s) - Date.parse(T0))})`;

  const history = (Object.entries(mix) as [GenStatus, number][]).filter(([s]) => s !== "presented" && s !== "accepted");
  const nowLit = `${lit(now.toISOString())}::timestamptz`;
  // Start instant (T0) per row: history over three years; drafts within their lifetime; open ones
  // presented between openMin and openMax minutes ago (their template presents at T0 + 60 min).
  const statement = `
    with src as (
      select ($2::bigint + u.ord - 1) as n, u.code from unnest($1::text[]) with ordinality as u(code, ord)
    ), r as (
      select n, code,
        '2' || to_char(date '1950-01-01' + (n / 100000)::int, 'DDMMYYYY') || lpad((n % 100000)::text, 5, '0') as inn,
        ${weighted("abs(hashint8extended(n, 2)) % 10000", officeWeights, 10000)} as office,
        case when n - ${first} < ${openTotal} then (case when n % 5 < ${opts.presentedFifths ?? 2} then 'presented' else 'accepted' end)
             else ${weighted("abs(hashint8extended(n, 1)) % 10000", history, 10000)} end as status,
        (abs(hashint8extended(n, 3)) % 1000000) / 1000000.0 as u
      from src
    ), t as (
      select *, case
        when status in ('presented', 'accepted') then ${nowLit} - interval '60 minutes' - make_interval(secs => 60 * (${openMin} + u * ${openMax - openMin}))
        when status in ('draft', 'returned') then ${nowLit} - interval '70 minutes' - make_interval(secs => u * ${(DEFAULT_DRAFT_TTL_DAYS - 1) * 86400})
        else ${nowLit} - make_interval(secs => ${DEFAULT_DRAFT_TTL_DAYS * 86400} + u * ${3 * 365 * 86400}) end as t0
      from r
    ), s as (
      select n, code, inn, office, status, (${snapExpr})::jsonb as snap from t
    ), reg as (
      insert into taxpayers (inn, name, subject_type, office_code, registration_status)
      select inn, 'Налогоплательщик ' || n, 'individual', office, 'registered' from s where status <> 'refused'
      on conflict (inn) do nothing
    ), app as (
      insert into applications (code, inn, request_kind, subject_type, applicant_name, form, password_hash, status, snapshot,
        office_code, created_at, expires_at, presented_at, presented_by, decision_warn_at, decision_due_at, accepted_at,
        accepted_by, incoming_number, closed_at, closed_by)
      select code, inn, 'grant', 'individual', 'Заявитель ' || n,
        jsonb_build_object('phone', '+996 555 ' || lpad((n % 1000000)::text, 6, '0'), 'email', 'a' || n || '@example.kg', 'subjectType', 'individual', 'requestKind', 'grant'),
        case when status in ('draft', 'returned', 'presented', 'accepted') then $3 end,
        status, snap,
        snap->'context'->>'officeCode', (snap->'context'->>'savedAt')::timestamptz, (snap->'context'->>'expiresAt')::timestamptz,
        (snap->'context'->>'presentedAt')::timestamptz, (snap->'context'->>'presentedBy')::uuid,
        (snap->'context'->>'decisionWarnAt')::timestamptz, (snap->'context'->>'decisionDueAt')::timestamptz,
        (snap->'context'->>'acceptedAt')::timestamptz, (snap->'context'->>'acceptedBy')::uuid,
        snap->'context'->>'incomingNumber', (snap->'context'->>'closedAt')::timestamptz, (snap->'context'->>'closedBy')::uuid
      from s
      on conflict (code) do nothing
      returning id, status, office_code, closed_at, closed_by, incoming_number
    ), dec as (
      insert into decisions (application_id, office_code, number, outcome, grounds, login, effect, decided_by, decided_at)
      select id, office_code, replace(incoming_number, '/G', '/R-G'), status::decision_outcome,
        case when status = 'refused' then '[{"ground":"no_registration"}]'::jsonb else '[]'::jsonb end,
        case when status = 'granted' then 'G' || replace(incoming_number, '/', '') end,
        case when status = 'granted' then 'first_grant'::grant_effect end, closed_by, closed_at
      from app where status in ('granted', 'refused')
    )
    select status, count(*)::int as n from app group by status`;

  const byStatus: Record<string, number> = {};
  const seen = new Set<string>();
  let inserted = 0;
  let next = 0;
  let done = 0;
  // Two statements at a time: one backend per core does the row building.
  const worker = async () => {
    while (next < opts.count) {
      const from = next;
      next += batch;
      const codes = uniqueCodes(Math.min(batch, opts.count - from), seen);
      const rows = await sql.unsafe<{ status: string; n: number }[]>(statement, [codes, first + from, passwordHash]);
      for (const r of rows) {
        byStatus[r.status] = (byStatus[r.status] ?? 0) + r.n;
        inserted += r.n;
      }
      done += codes.length;
      opts.log?.(`  ${done} / ${opts.count}`);
    }
  };
  await Promise.all(Array.from({ length: opts.parallel ?? 2 }, worker));
  await sql`analyze applications`;
  await sql`analyze taxpayers`;
  await sql`analyze decisions`;
  return { inserted, byStatus, seconds: (performance.now() - started) / 1000 };
}

// Run as a command (not when imported, nor when bundled into a benchmark by tests/bench/run.ts).
if (/[\\/]gen-applications\.[cm]?[jt]s$/.test(process.argv[1] ?? "")) {
  const [countArg, url] = process.argv.slice(2);
  const count = Number(countArg);
  if (!Number.isInteger(count) || count <= 0 || !url) {
    console.error("usage: npx tsx scripts/gen-applications.ts <count> <database URL>");
    process.exit(2);
  }
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  try {
    const r = await generateApplications(sql, { count, log: (l) => console.log(l) });
    console.log(`inserted ${r.inserted} applications in ${r.seconds.toFixed(1)} s:`, r.byStatus);
  } finally {
    await sql.end();
  }
}
