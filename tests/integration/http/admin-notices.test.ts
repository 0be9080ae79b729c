import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { queryRows, type DbHandle } from "../../../db/client";
import * as page from "../../../app/routes/admin.notices";
import * as metrics from "../../../app/routes/metrics";
import { submitApplication } from "../../../workflows/application/service";
import { releaseAppDatabase, useAppDatabase } from "../../support/app-db";
import { createTestDb } from "../../support/db";
import { createOffice, createStaff, createTaxpayer, validForm } from "../../support/factories";
import { call, getRequest, postForm, staffCookies, type RouteModule } from "../../support/http";

// Administration → Notices (decision 064): what is queued, sent, dead or skipped, with the text it
// would send; a resend for a dead one only; counts in /metrics.
const METRICS_TOKEN = vi.hoisted(() => (process.env.METRICS_TOKEN = "metrics-token-for-this-test"));
let h: DbHandle;
let admin: string;

beforeAll(async () => {
  h = await createTestDb();
  useAppDatabase(h);
  await createOffice(h.db, "001");
  const a = await createStaff(h.db, "admin", null);
  const [row] = await queryRows<{ username: string }>(h.db, sql`select username from staff_users where id = ${a.id}`);
  admin = await staffCookies(h, row.username);
});
afterAll(async () => {
  releaseAppDatabase();
  await h.close();
});

describe("the notices page", () => {
  it("lists a queued notice with the Russian text it would send, and refuses to resend one that is not dead", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const { code } = await submitApplication(h.db, validForm(inn, { notify: "email", email: "page@example.kg" }), new Date(), { language: "ru" });
    const res = await call((page as RouteModule).loader!, getRequest("/admin/notices?status=queued", admin));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { counts: Record<string, number>; notices: { id: number; subjectInn: string; channel: string; address: string; preview: { text: string } }[] };
    expect(body.counts.queued).toBeGreaterThanOrEqual(1);
    const mine = body.notices.find((n) => n.subjectInn === inn)!;
    expect(mine).toMatchObject({ channel: "email", address: "page@example.kg" });
    expect(mine.preview.text).toContain(code.slice(0, 4));
    expect(mine.preview.text).toContain("Ваше заявление");
    const resend = await call((page as RouteModule).action!, postForm("/admin/notices", { id: String(mine.id) }, admin));
    expect(await resend.json()).toMatchObject({ ok: false, error: { key: "notice.not_dead" } });
  });

  it("/metrics counts the notices by status", async () => {
    const request = new Request("http://localhost/metrics", { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
    const text = await (await call((metrics as RouteModule).loader!, request)).text();
    expect(text).toMatch(/^notices\{status="queued"\} [1-9]\d*$/m);
    expect(text).toMatch(/^notices\{status="dead"\} 0$/m);
  });
});
