import { describe, expect, it } from "vitest";
import { appealRoute, noticeSettings, parseEnv } from "../../../app/utils/env.server";
import { APPEAL_TEXT_LIMIT, DEFAULT_APPEAL_ROUTE } from "../../../templates/appeal";

describe("environment, read and checked in one module", () => {
  it("gives every setting its default when nothing is set", () => {
    expect(parseEnv({})).toEqual({
      NODE_ENV: "development",
      PGLITE_DIR: "./data/pglite",
      SWEEP_INTERVAL_MS: 30_000,
      DRAFT_TTL_DAYS: 30,
      HANDOVER_DUE_MINUTES: 60,
      ANCHOR_INTERVAL_SECONDS: 60,
      LOG_LEVEL: "info",
      WEB_CONCURRENCY: 1,
      SCHEMA_WAIT_SECONDS: 60,
      DATABASE_POOL_MAX: 10,
      PORT: 3000,
      TRUST_PROXY: false,
      PAPER_LANGUAGES: ["ky", "ru"],
      DEFAULT_LANGUAGE: "ru",
      SMS_GATEWAY_BODY: '{"to":"{to}","text":"{text}","id":"{id}"}',
      NOTICE_MAX_ATTEMPTS: 8,
      NOTICE_RETRY_BASE_SECONDS: 30,
      NOTICE_RETRY_CAP_SECONDS: 3600,
      NOTICE_INTERVAL_MS: 5000,
      TOTP_REQUIRED_FOR_INSPECTORS: "0",
    });
  });

  it("notices: no provider, no worker; SMTP needs a sender address (decision 064)", () => {
    expect(noticeSettings(parseEnv({}))).toBeNull();
    expect(() => parseEnv({ SMTP_URL: "smtp://127.0.0.1:25" })).toThrow(/NOTICE_FROM/);
    expect(noticeSettings(parseEnv({ SMTP_URL: "smtp://127.0.0.1:25", NOTICE_FROM: "no-reply@sts.kg", NOTICE_RETRY_BASE_SECONDS: "2" }))).toMatchObject({
      smtp: { url: "smtp://127.0.0.1:25", from: "no-reply@sts.kg" },
      sms: null,
      baseDelayMs: 2000,
      maxAttempts: 8,
    });
  });

  it("appeal route: the default when unset; each part set in both languages or neither; bounded to keep a copy on one page (decision 059)", () => {
    expect(appealRoute(parseEnv({}))).toEqual(DEFAULT_APPEAL_ROUTE);
    expect(appealRoute(parseEnv({ APPEAL_BODY_KY: " ", APPEAL_BODY_RU: "" }))).toEqual(DEFAULT_APPEAL_ROUTE);
    const set = appealRoute(parseEnv({ APPEAL_ADDRESS_KY: " Ош ш., Ленин к., 1 ", APPEAL_ADDRESS_RU: "г. Ош, ул. Ленина, 1" }));
    expect(set).toEqual({ ...DEFAULT_APPEAL_ROUTE, address: { ky: "Ош ш., Ленин к., 1", ru: "г. Ош, ул. Ленина, 1" } });
    expect(() => parseEnv({ APPEAL_TIME_LIMIT_RU: "в течение месяца" })).toThrow(/APPEAL_TIME_LIMIT_KY/);
    expect(() => parseEnv({ APPEAL_BODY_KY: "сот" })).toThrow(/APPEAL_BODY_RU/);
    const long = "а".repeat(APPEAL_TEXT_LIMIT + 1);
    expect(() => parseEnv({ APPEAL_BODY_KY: long, APPEAL_BODY_RU: "суд" })).toThrow(/APPEAL_BODY_KY/);
  });

  it("paper languages: both, Kyrgyz first, by default; Kyrgyz-only or Russian-only by choice; nothing else", () => {
    expect(parseEnv({ PAPER_LANGUAGES: "" }).PAPER_LANGUAGES).toEqual(["ky", "ru"]);
    expect(parseEnv({ PAPER_LANGUAGES: "ky,ru" }).PAPER_LANGUAGES).toEqual(["ky", "ru"]);
    expect(parseEnv({ PAPER_LANGUAGES: "ky" }).PAPER_LANGUAGES).toEqual(["ky"]);
    expect(parseEnv({ PAPER_LANGUAGES: "ru" }).PAPER_LANGUAGES).toEqual(["ru"]);
    // Russian is never printed before Kyrgyz, and a language the paper has no words for is refused at start.
    for (const bad of ["ru,ky", "en", "ky,en", "KY", "ky, ru"]) expect(() => parseEnv({ PAPER_LANGUAGES: bad }), bad).toThrow(/PAPER_LANGUAGES/);
  });

  it("reads the values the workflows and the database module are given", () => {
    expect(
      parseEnv({ DATABASE_URL: "postgres://u@h:5432/d", DRAFT_TTL_DAYS: "7", UV_THREADPOOL_SIZE: "9", WEB_CONCURRENCY: "2", MIGRATIONS_DIR: "/srv/m", METRICS_TOKEN: "t", LOG_LEVEL: "warn" }),
    ).toMatchObject({ DATABASE_URL: "postgres://u@h:5432/d", DRAFT_TTL_DAYS: 7, UV_THREADPOOL_SIZE: 9, WEB_CONCURRENCY: 2, MIGRATIONS_DIR: "/srv/m", METRICS_TOKEN: "t", LOG_LEVEL: "warn" });
  });

  it("reads the operator's settings: pool size, instance name, demo data, schema wait", () => {
    expect(parseEnv({ DATABASE_POOL_MAX: "25", APP_INSTANCE: "app1:3001", DEMO_DATA: "1", SCHEMA_WAIT_SECONDS: "0", PORT: "3001" })).toMatchObject({
      DATABASE_POOL_MAX: 25,
      APP_INSTANCE: "app1:3001",
      DEMO_DATA: "1",
      SCHEMA_WAIT_SECONDS: 0,
      PORT: 3001,
    });
    for (const bad of [{ DATABASE_POOL_MAX: "0" }, { DATABASE_POOL_MAX: "ten" }, { DEMO_DATA: "yes" }, { SCHEMA_WAIT_SECONDS: "-1" }]) {
      expect(() => parseEnv(bad), JSON.stringify(bad)).toThrow(Object.keys(bad)[0]);
    }
  });

  it("takes an empty variable as unset, as server.js does", () => {
    const e = parseEnv({ DATABASE_URL: "", METRICS_TOKEN: "", UV_THREADPOOL_SIZE: "", WEB_CONCURRENCY: "" });
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.METRICS_TOKEN).toBeUndefined();
    expect(e.UV_THREADPOOL_SIZE).toBeUndefined();
    expect(e.WEB_CONCURRENCY).toBe(1);
  });

  it("refuses a malformed value at start, naming it", () => {
    expect(() => parseEnv({ DRAFT_TTL_DAYS: "thirty" })).toThrow(/DRAFT_TTL_DAYS/);
    expect(() => parseEnv({ LOG_LEVEL: "verbose" })).toThrow(/LOG_LEVEL/);
    expect(() => parseEnv({ WEB_CONCURRENCY: "0" })).toThrow(/WEB_CONCURRENCY/);
  });

  it("cookie keys: a comma list of long keys, required in production on a server database", () => {
    expect(parseEnv({ COOKIE_SECRETS: "a".repeat(32) + ", " + "b".repeat(40) }).COOKIE_SECRETS).toEqual(["a".repeat(32), "b".repeat(40)]);
    expect(() => parseEnv({ COOKIE_SECRETS: "short" })).toThrow(/COOKIE_SECRETS/);
    expect(() => parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://u@h:5432/d" })).toThrow(/COOKIE_SECRETS/);
    expect(parseEnv({ NODE_ENV: "production" }).COOKIE_SECRETS).toBeUndefined();
  });
});
