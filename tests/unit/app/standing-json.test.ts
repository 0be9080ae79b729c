import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "../../../app/api/openapi";
import { standingJson } from "../../../app/api/standing";
import type { Standing } from "../../../workflows/acts/standing";

// Every shape the domain's standing takes reaches the Cabinet as the documented Standing schema.
const doc = openApiDocument("http://localhost");
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema({ ...doc, $id: "openapi" });
const validate = ajv.compile({ $ref: "openapi#/components/schemas/Standing" });

const cases: Standing[] = [
  { inForce: true, endsAt: null },
  { inForce: true, endsAt: "2026-12-02T03:00:00.000Z" },
  { inForce: false, since: "2026-12-01T10:00:00.000Z", by: { kind: "annulment", basis: "fictitious_activity", number: "002-AN-2026-000001" } },
  { inForce: false, since: "2026-12-01T10:00:00.000Z", by: { kind: "annulment", basis: "online_refusal", number: null } },
  { inForce: false, since: "2026-12-01T10:00:00.000Z", by: { kind: "grant", number: "002-DG-2026-000002" } },
  { inForce: false, since: "2026-12-01T10:00:00.000Z", by: { kind: "revocation", number: "002-RV-2026-000001" } },
];

describe("the API's standing", () => {
  it.each(cases)("matches the OpenAPI document: %j", (s) => {
    const body = standingJson(s);
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    expect(body.inForce).toBe(s.inForce);
  });
});
