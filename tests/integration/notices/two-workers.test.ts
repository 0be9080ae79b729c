import { spawn } from "node:child_process";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "../../../db/client";
import { submitApplication } from "../../../workflows/application/service";
import { appendJournal } from "../../../workflows/journal";
import { createTestDb } from "../../support/db";
import { createOffice, createTaxpayer, validForm } from "../../support/factories";
import { startSmtpReceiver } from "../../support/notice-receivers";

// Two worker processes (`npm run notices:send`) on one outbox of 1,001 notices, on the PostgreSQL
// server: each notice is delivered exactly once, counted at the receiving SMTP server (decision 064).
const onServer = Boolean(process.env.DATABASE_URL);
const root = path.resolve(__dirname, "../../..");
let h: DbHandle;

beforeAll(async () => {
  if (!onServer) return;
  h = await createTestDb();
  await createOffice(h.db, "001");
});
afterAll(async () => {
  if (onServer) await h.close();
});

function sendInProcess(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/notices-send.ts"], { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, out }));
  });
}

describe.skipIf(!onServer)("two worker processes on one outbox", () => {
  it("deliver each of 1,001 notices exactly once", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const app = await submitApplication(h.db, validForm(inn, { notify: "email", email: "many@example.kg" }), new Date(), { language: "ky" });
    for (let i = 0; i < 10; i++) {
      await h.db.transaction(async (tx) => {
        for (let k = 0; k < 100; k++) {
          await appendJournal(tx, { actor: { type: "public" }, officeCode: null, action: "application.saved", subjectInn: inn, entityType: "application", entityId: app.id, after: { k: i * 100 + k } });
        }
      });
    }
    const smtp = await startSmtpReceiver();
    try {
      const env = { DATABASE_URL: h.url!, SMTP_URL: smtp.url, NOTICE_FROM: "no-reply@sts.example.kg", LOG_LEVEL: "silent" };
      const [a, b] = await Promise.all([sendInProcess(env), sendInProcess(env)]);
      expect([a.code, b.code], a.out + b.out).toEqual([0, 0]);
      // What each process says it sent adds up to the whole: no row was sent by both.
      const sentBy = [a, b].map((r) => (JSON.parse(r.out.trim().split("\n").pop()!) as { sent: number }).sent);
      console.log(`notices sent by each process: ${sentBy.join(" and ")}`);
      expect(sentBy[0] + sentBy[1]).toBe(1001);
      const keys = smtp.received.map((m) => m.key);
      expect(keys).toHaveLength(1001);
      expect(new Set(keys).size).toBe(1001);
      const [left] = await queryRows<{ n: string }>(h.db, sql`select count(*) as n from notices where status <> 'sent'`);
      expect(Number(left.n)).toBe(0);
    } finally {
      await smtp.close();
    }
  }, 180_000);
});
