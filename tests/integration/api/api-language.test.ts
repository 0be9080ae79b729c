import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../db/client";
import { action as verifyAction } from "../../../app/routes/api.v1.credentials.verify";
import * as apiStatus from "../../../app/routes/api.v1.applications.status";
import { loader as problemLoader } from "../../../app/routes/api.v1.problems.$type";
import { loader as unknownPath } from "../../../app/routes/api.$";
import { problemTitleFor } from "../../../app/utils/api.server";
import { httpSettings, parseEnv } from "../../../app/utils/env.server";
import { releaseAppDatabase, useAppDatabase } from "../../support/app-db";
import { createTestDb } from "../../support/db";
import { startGuardedServer } from "../../support/express";
import type { RouteModule } from "../../support/http";

/** Issue 15: the API answers in the language the caller asks for (ky, ru, en) and says which. */
const titles = (lng: string) => (JSON.parse(readFileSync(`app/locales/${lng}/api.json`, "utf8")) as { problems: Record<string, string>; details: Record<string, string> });

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
  useAppDatabase(h);
});
afterAll(async () => {
  releaseAppDatabase();
  await h.close();
});

function post(body: string, headers: Record<string, string>) {
  const request = new Request("http://localhost/api/v1/credentials/verify", { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body });
  return verifyAction({ request, context: { requestId: "test-request" } });
}

describe("the API's language", () => {
  it("a request with Accept-Language: ky gets a Kyrgyz problem title, and Content-Language: ky", async () => {
    const answer = await post("{}", { "Accept-Language": "ky" });
    expect(answer.status).toBe(401);
    expect(answer.headers.get("content-language")).toBe("ky");
    expect(answer.headers.get("vary")).toMatch(/Accept-Language/);
    const body = (await answer.json()) as { title: string; type: string };
    expect(body.type).toBe("/api/v1/problems/missing-api-key");
    expect(body.title).toBe(titles("ky").problems["missing-api-key"]);
    expect(body.title).toBe("API ачкычы берилген жок же жараксыз");
  });

  it("follows q-values and regions among ky, ru and en; English when the header names none of them or is absent", async () => {
    const cases: [Record<string, string>, string][] = [
      [{ "Accept-Language": "ru-RU,ru;q=0.9,ky;q=0.8" }, "ru"],
      [{ "Accept-Language": "en;q=0.3, ky-KG;q=0.9" }, "ky"],
      [{ "Accept-Language": "de-DE" }, "en"],
      [{}, "en"],
    ];
    for (const [headers, lng] of cases) {
      const answer = await post("{}", headers);
      expect(answer.headers.get("content-language"), JSON.stringify(headers)).toBe(lng);
      expect(((await answer.json()) as { title: string }).title).toBe(titles(lng).problems["missing-api-key"]);
    }
  });

  it("says the fixed details, the unknown path and the problem type's description in that language too", async () => {
    const notFound = await unknownPath({ request: new Request("http://localhost/api/v1/nothing", { headers: { "Accept-Language": "ky" } }), context: {}, params: {} } as never);
    expect(await notFound.json()).toMatchObject({ title: titles("ky").problems["not-found"], detail: titles("ky").details.noEndpoint });
    const described = await problemLoader({ request: new Request("http://localhost/api/v1/problems/rate-limited", { headers: { "Accept-Language": "ky" } }), params: { type: "rate-limited" }, context: {} });
    expect(described.headers.get("content-language")).toBe("ky");
    expect(await described.json()).toMatchObject({ title: titles("ky").problems["rate-limited"], status: 429, description: titles("ky").details.seeOpenApi });
  });

  it("the guards in front of Remix refuse a too-large API body in the caller's language", async () => {
    const server = await startGuardedServer({ ...httpSettings(parseEnv({})), problemTitle: problemTitleFor }, { "/api/v1/applications/status": apiStatus as unknown as RouteModule });
    try {
      const answer = await new Promise<{ status: number; lang: string | undefined; body: string }>((resolve, reject) => {
        const req = httpRequest(`${server.base}/api/v1/applications/status`, { method: "POST", headers: { "Content-Type": "application/json", "Content-Length": String(1024 * 1024), "Accept-Language": "ky" } }, (res) => {
          let body = "";
          res.on("data", (c) => (body += c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, lang: res.headers["content-language"], body }));
        });
        req.on("error", reject);
        req.end();
      });
      expect(answer.status).toBe(413);
      expect(answer.lang).toBe("ky");
      expect(JSON.parse(answer.body)).toMatchObject({ type: "/api/v1/problems/payload-too-large", title: titles("ky").problems["payload-too-large"] });
    } finally {
      await server.close();
    }
  });
});
