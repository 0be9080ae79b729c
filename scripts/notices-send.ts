import { env, noticeSettings, noticeStatusUrl } from "../app/utils/env.server";
import { openDatabase } from "../db/client";
import { noticeSenders } from "../workflows/notices/senders";
import { drainDueNotices } from "../workflows/notices/worker";

/**
 * `npm run notices:send`: sends what the outbox has due now, through the providers configured as
 * for the app (SMTP_URL, SMS_GATEWAY_URL; decision 064), and exits with the totals as JSON. The app
 * processes do this on their own every NOTICE_INTERVAL_MS; this is for a machine that runs no app
 * process, or to empty the queue at once after an outage. Safe beside running workers: rows are
 * claimed with SKIP LOCKED. Exit code 0 when nothing died, 1 when some notice was given up, 2 on error.
 */
async function main(): Promise<number> {
  const settings = noticeSettings();
  if (!settings) {
    console.error("no SMTP_URL or SMS_GATEWAY_URL: nothing to send with");
    return 2;
  }
  const { DATABASE_URL: url, PGLITE_DIR } = env();
  const handle = await openDatabase(url ? { url, max: 2 } : { dataDir: PGLITE_DIR });
  const senders = noticeSenders(settings);
  try {
    const total = await drainDueNotices(handle.db, () => new Date(), { ...settings, senders, statusUrl: noticeStatusUrl(), batch: 50, leaseMs: 5 * 60_000 });
    console.log(JSON.stringify(total));
    return total.dead ? 1 : 0;
  } finally {
    for (const s of Object.values(senders)) s.close?.();
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
