import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isValidInn } from "../../../workflows/registry/inn";
import { NAME_MAX_LENGTH, REGISTRATION_STATUSES, SUBJECT_TYPES, validateRegistryRow } from "../../../workflows/registry/row";

const offices = new Set(["002", "003", "008"]);
const good = { inn: "21505199012345", name: "Асанов Бакыт Жумабекович", subject_type: "individual", office_code: "002", registration_status: "registered" };

function keys(fields: Record<string, string>) {
  const r = validateRegistryRow(fields, offices);
  return r.ok ? [] : r.errors.map((e) => `${e.field}:${e.messageKey}`);
}

describe("registry row validation", () => {
  it("accepts a clean row and normalises what people type", () => {
    const r = validateRegistryRow(
      { inn: " 2150-5199-0123 45 ", name: "  Асанов   Бакыт\nЖумабекович ", subject_type: " Individual", office_code: "002 ", registration_status: "REGISTERED" },
      offices,
    );
    expect(r).toEqual({
      ok: true,
      row: { inn: "21505199012345", name: "Асанов Бакыт Жумабекович", subjectType: "individual", officeCode: "002", registrationStatus: "registered" },
    });
  });

  it("names the INN problem as an i18n key", () => {
    expect(keys({ ...good, inn: "" })).toEqual(["inn:registry.inn.empty"]);
    expect(keys({ ...good, inn: "2150519901234" })).toEqual(["inn:registry.inn.length"]);
    expect(keys({ ...good, inn: "2150519901234a" })).toEqual(["inn:registry.inn.not_digits"]);
    expect(keys({ ...good, inn: "31505199012345" })).toEqual(["inn:registry.inn.kind"]);
    expect(keys({ ...good, inn: "23002199012345" })).toEqual(["inn:registry.inn.birth_date"]);
  });

  it("rejects unknown types, statuses, offices and empty or over-long names, all at once", () => {
    expect(keys({ inn: good.inn, name: " ", subject_type: "company", office_code: "999", registration_status: "active" })).toEqual([
      "name:registry.name.empty",
      "subject_type:registry.subject_type.invalid",
      "office_code:registry.office_code.unknown",
      "registration_status:registry.registration_status.invalid",
    ]);
    expect(keys({ ...good, office_code: "" })).toEqual(["office_code:registry.office_code.empty"]);
    expect(keys({ ...good, name: "Ө".repeat(NAME_MAX_LENGTH) })).toEqual([]);
    expect(keys({ ...good, name: "Ө".repeat(NAME_MAX_LENGTH + 1) })).toEqual(["name:registry.name.too_long"]);
  });

  it("keeps the INN kind and the subject type consistent", () => {
    expect(keys({ ...good, subject_type: "legal_entity" })).toEqual(["subject_type:registry.subject_type.personal_inn"]);
    expect(keys({ ...good, inn: "01203201310082", subject_type: "individual" })).toEqual(["subject_type:registry.subject_type.organisation_inn"]);
    expect(keys({ ...good, inn: "01203201310082", subject_type: "entrepreneur" })).toEqual(["subject_type:registry.subject_type.organisation_inn"]);
    expect(keys({ ...good, inn: "01203201310082", subject_type: "legal_entity" })).toEqual([]);
    expect(keys({ ...good, inn: "01203201310082", subject_type: "foreign_resident" })).toEqual([]);
    expect(keys({ ...good, subject_type: "foreign_resident" })).toEqual([]);
  });

  it("never throws on random rows; a row it accepts is fit for the registry (property)", () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom(...SUBJECT_TYPES, ...REGISTRATION_STATUSES, "002", "003", "999", good.inn, "01203201310082", " "),
      fc.stringMatching(/^[0-2]\d{13}$/),
    );
    fc.assert(
      fc.property(fc.record({ inn: cell, name: fc.oneof(cell, fc.string({ maxLength: 400 })), subject_type: cell, office_code: cell, registration_status: cell }, { requiredKeys: [] }), (fields) => {
        const r = validateRegistryRow(fields, offices);
        if (r.ok) {
          expect(isValidInn(r.row.inn)).toBe(true);
          expect(r.row.name.length).toBeGreaterThan(0);
          expect(r.row.name.length).toBeLessThanOrEqual(NAME_MAX_LENGTH);
          expect(offices.has(r.row.officeCode)).toBe(true);
          expect(SUBJECT_TYPES).toContain(r.row.subjectType);
          expect(REGISTRATION_STATUSES).toContain(r.row.registrationStatus);
        } else {
          expect(r.errors.length).toBeGreaterThan(0);
          for (const e of r.errors) expect(e.messageKey).toMatch(/^registry\.[a-z_]+\.[a-z_]+$/);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
