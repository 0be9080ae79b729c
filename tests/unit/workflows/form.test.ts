import { describe, expect, it } from "vitest";
import { makeApplicationFormSchema, passwordProblems } from "../../../workflows/application/form";
import { requiredChecklist } from "../../../workflows/application/checklist";

const now = new Date("2025-03-07T09:00:00Z");
const schema = makeApplicationFormSchema(() => now);
const base = {
  requestKind: "grant",
  subjectType: "individual",
  inn: "21011199000123",
  name: "Асанов Бакыт",
  phone: "+996 555 123456",
  email: "a@example.kg",
  password: "Kyrgyz#2025",
  passwordConfirm: "Kyrgyz#2025",
};
const messages = (input: unknown) => {
  const r = schema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}:${i.message}`);
};

describe("application form (R3, R4, R16)", () => {
  it("R3: accepts a complete individual's application and normalises the INN", () => {
    const r = schema.parse({ ...base, inn: "2101 1199-000123" });
    expect(r.inn).toBe("21011199000123");
  });

  it("R16: the password needs length, upper, lower, digit and special, and never the INN", () => {
    expect(passwordProblems("short", "21011199000123")).toEqual(
      expect.arrayContaining(["password.too_short", "password.needs_upper", "password.needs_digit", "password.needs_special"]),
    );
    expect(passwordProblems("ABCDEFGH1!", "x")).toEqual(["password.needs_lower"]);
    expect(passwordProblems("Пароль#2025", "21011199000123")).toEqual([]);
    expect(passwordProblems("Aa!21011199000123", "21011199000123")).toEqual(["password.contains_inn"]);
    expect(messages({ ...base, passwordConfirm: "Other#2025" })).toEqual(["passwordConfirm:password.mismatch"]);
  });

  it("R16: an annulment application needs no password", () => {
    expect(messages({ ...base, requestKind: "annul", password: undefined, passwordConfirm: undefined })).toEqual([]);
  });

  it("R3: a legal entity needs its head and an organisation's INN; messages are i18n keys", () => {
    expect(messages({ ...base, subjectType: "legal_entity" })).toEqual(["inn:inn.not_organisation", "headName:head_name.required"]);
    expect(messages({ ...base, subjectType: "legal_entity", inn: "01234567890123", headName: "Иванов" })).toEqual([]);
  });

  it("R3: a representative gives the power of attorney and who certified it", () => {
    const rep = { name: "Петров", idDocument: "AN1234567", poaNumber: "12", poaDate: "2025-01-10", poaCertifiedBy: "hospital", poaCertifierName: "ГКБ №1" };
    expect(messages({ ...base, representative: rep })).toEqual([]);
    expect(messages({ ...base, representative: { ...rep, poaCertifiedBy: "friend" } })).toEqual(["representative.poaCertifiedBy:representative.poa_certified_by.invalid"]);
  });

  it("R3: an applicant under 14 (from the INN's birth date) needs the legal representative", () => {
    const child = { ...base, inn: "10103201500011" }; // born 01.03.2015: 10 years old on 2025-03-07
    expect(messages(child)).toEqual(["minor:minor.required"]);
    expect(messages({ ...child, minor: { birthCertificate: "I-АН 123", legalRepName: "Мать", legalRepPassport: "AN7654321" } })).toEqual([]);
  });

  it("notices (issue #18): none unless the applicant opts in; e-mail needs an address, SMS goes to the required phone", () => {
    expect(schema.parse(base).notify).toBe("none");
    expect(schema.parse({ ...base, notify: "email" }).notify).toBe("email");
    expect(messages({ ...base, notify: "email", email: "" })).toEqual(["email:email.required_for_notices"]);
    expect(messages({ ...base, notify: "email", email: undefined })).toEqual(["email:email.required_for_notices"]);
    expect(messages({ ...base, notify: "email", email: "not-an-address" })).toEqual(["email:email.invalid"]);
    expect(messages({ ...base, notify: "sms", email: "" })).toEqual([]);
    expect(messages({ ...base, notify: "sms", phone: "" })).toEqual(["phone:phone.invalid"]);
    expect(messages({ ...base, notify: "pigeon" })).toEqual(["notify:notify.invalid"]);
    // The language is the server's to set, never the form's: a posted one is not kept.
    expect(schema.parse({ ...base, notify: "sms", language: "en" })).not.toHaveProperty("language");
  });

  it("R6: the checklist depends on subject type, representative and minority", () => {
    expect(requiredChecklist({ subjectType: "individual" })).toEqual(["form_complete", "requisites_match", "signer_identity"]);
    expect(requiredChecklist({ subjectType: "legal_entity", representative: {} })).toEqual([
      "form_complete",
      "requisites_match",
      "signer_identity",
      "head_authority",
      "power_of_attorney",
      "poa_certifier",
    ]);
    expect(requiredChecklist({ subjectType: "individual", minor: {} })).toContain("legal_rep_passport");
    const custom = { always: ["form_complete" as const], bySubjectType: {}, representative: [], minor: [] };
    expect(requiredChecklist({ subjectType: "legal_entity" }, custom)).toEqual(["form_complete"]);
  });
});
