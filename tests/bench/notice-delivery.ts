/**
 * Notices delivered per second by one worker (decision 064) to a real local SMTP server
 * (smtp-server, tests/support/notice-receivers.ts), beside the limit measured in the same run: the
 * same number of messages sent by nodemailer straight to that server, with no outbox.
 *
 *   npx tsx tests/bench/notice-delivery.ts [notices=1000]
 *
 * On PGlite in memory, or a fresh database on the server with DATABASE_URL. The notices are those
 * of `application.saved` entries of one application whose applicant chose e-mail.
 */
import { performance } from "node:perf_hooks";
import pLimit from "p-limit";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { submitApplication } from "../../workflows/application/service";
import { appendJournal } from "../../workflows/journal";
import { smtpSender } from "../../workflows/notices/senders";
import { sendDueNotices } from "../../workflows/notices/worker";
import { createOffice, createTaxpayer, validForm } from "../support/factories";
import { startSmtpReceiver } from "../support/notice-receivers";
import { benchDatabase, table } from "./_server";

const total = Number(process.argv[2] ?? 1000);
const h = await benchDatabase("bench_notice");
const from = "no-reply@bench.example.kg";
try {
  const smtp = await startSmtpReceiver();
  try {
    await createOffice(h.db, "001");
    const inn = await createTaxpayer(h.db, "001");
    const app = await submitApplication(h.db, validForm(inn, { notify: "email", email: "bench@example.kg", language: "ky" } as never), new Date());
    for (let i = 1; i < total; i += 100) {
      const n = Math.min(100, total - i);
      await h.db.transaction(async (tx) => {
        for (let k = 0; k < n; k++) {
          await appendJournal(tx, { actor: { type: "public" }, officeCode: null, action: "application.saved", subjectInn: inn, entityType: "application", entityId: app.id, after: { k: i + k } });
        }
      });
    }
    const [{ n: queued }] = await queryRows<{ n: string }>(h.db, sql`select count(*) as n from notices where status = 'queued'`);

    // The limit: the same number of messages straight to the same server through the same pooled
    // transport, as many in flight as the worker keeps (4).
    const direct = smtpSender({ url: smtp.url, from });
    const inFlight = pLimit(4);
    let t0 = performance.now();
    await Promise.all(
      Array.from({ length: Number(queued) }, (_, i) =>
        inFlight(() => direct.send({ to: "bench@example.kg", subject: "Салык төлөөчүнүн кабинетине кирүү", text: "x".repeat(300), idempotencyKey: `direct-${i}` })),
      ),
    );
    const directMs = performance.now() - t0;
    direct.close?.();

    const email = smtpSender({ url: smtp.url, from });
    const before = smtp.received.length;
    t0 = performance.now();
    for (;;) {
      const r = await sendDueNotices(h.db, new Date(), { senders: { email }, statusUrl: "https://cabinet.example.kg/status", maxAttempts: 3, baseDelayMs: 1000, capMs: 60_000, batch: 50, leaseMs: 60_000 });
      if (r.sent + r.retrying + r.dead + r.skipped + r.waiting === 0) break;
    }
    const outboxMs = performance.now() - t0;
    email.close?.();
    const delivered = smtp.received.length - before;
    const perSecond = (delivered / outboxMs) * 1000;
    const limit = (Number(queued) / directMs) * 1000;
    table([
      { figure: "notices delivered by one worker (of queued)", value: `${delivered} of ${queued}` },
      { figure: "notices per second through the outbox", value: perSecond.toFixed(0) },
      { figure: "limit: the same messages sent straight by nodemailer, per second", value: limit.toFixed(0) },
      { figure: "ratio", value: `${((perSecond / limit) * 100).toFixed(0)} %` },
      { figure: "database", value: process.env.DATABASE_URL ? "PostgreSQL server" : "PGlite (embedded)" },
    ]);
    if (delivered !== Number(queued)) process.exitCode = 1;
  } finally {
    await smtp.close();
  }
} finally {
  await h.close();
}
