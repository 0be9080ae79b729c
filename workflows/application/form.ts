import { z } from "zod";
import type { StoredApplicationForm } from "../../db/schema";
import { dayField } from "../forms/day";
import { innProblem, isPersonalInn, normalizeInn } from "../registry/inn";

/**
 * The online application form (R3, R4, R16). Shared by the public page (field errors) and by
 * submitApplication (the server's own check). Every issue message is an i18n key.
 */
export const subjectTypes = ["individual", "entrepreneur", "legal_entity", "foreign_resident"] as const;
export const requestKinds = ["grant", "restore", "annul"] as const;
export const poaCertifiers = ["notary", "employer", "hospital", "detention_facility"] as const;
/** How the applicant may ask to be told of the application's progress; "none" unless they opt in. */
export const noticeChannels = ["none", "email", "sms"] as const;
export const MINOR_AGE = 14;

export type PasswordProblem =
  | "password.required"
  | "password.too_short"
  | "password.too_long"
  | "password.needs_upper"
  | "password.needs_lower"
  | "password.needs_digit"
  | "password.needs_special"
  | "password.contains_inn";

/** The RU seed's rule: ≥ 8 characters with upper and lower case, a digit and a special character; never the INN. */
export function passwordProblems(password: string, inn: string): PasswordProblem[] {
  if (!password) return ["password.required"];
  const problems: PasswordProblem[] = [];
  if ([...password].length < 8) problems.push("password.too_short");
  if ([...password].length > 128) problems.push("password.too_long");
  if (!/\p{Lu}/u.test(password)) problems.push("password.needs_upper");
  if (!/\p{Ll}/u.test(password)) problems.push("password.needs_lower");
  if (!/\p{Nd}/u.test(password)) problems.push("password.needs_digit");
  if (!/[^\p{L}\p{Nd}\s]/u.test(password)) problems.push("password.needs_special");
  const digits = normalizeInn(inn);
  if (digits.length > 0 && password.replace(/[\s-]/g, "").includes(digits)) problems.push("password.contains_inn");
  return problems;
}

/** Age in whole years on `now`, from a personal INN's birth date (DDMMYYYY after the kind digit). */
export function ageFromInn(inn: string, now: Date): number | null {
  const digits = normalizeInn(inn);
  if (innProblem(digits) !== null || !isPersonalInn(digits)) return null;
  const day = Number(digits.slice(1, 3));
  const month = Number(digits.slice(3, 5));
  const year = Number(digits.slice(5, 9));
  let age = now.getUTCFullYear() - year;
  if (now.getUTCMonth() + 1 < month || (now.getUTCMonth() + 1 === month && now.getUTCDate() < day)) age--;
  return age;
}

const text = (key: string, max = 300) =>
  z.string({ message: `${key}.required` }).trim().min(1, { message: `${key}.required` }).max(max, { message: `${key}.too_long` });
const optionalText = (key: string, max = 300) => z.string().trim().max(max, { message: `${key}.too_long` }).optional();

/** A power of attorney is dated on a real day, not before 1991 and not after today. */
const representativeSchema = (clock: () => Date) =>
  z.object({
    name: text("representative.name"),
    idDocument: text("representative.id_document"),
    poaNumber: text("representative.poa_number", 100),
    poaDate: dayField("representative.poa_date", clock),
    poaCertifiedBy: z.enum(poaCertifiers, { message: "representative.poa_certified_by.invalid" }),
    poaCertifierName: text("representative.poa_certifier_name"),
  });

const minorSchema = z.object({
  birthCertificate: text("minor.birth_certificate", 100),
  legalRepName: text("minor.legal_rep_name"),
  legalRepPassport: text("minor.legal_rep_passport", 100),
});

const baseSchema = (clock: () => Date) =>
  z.object({
    requestKind: z.enum(requestKinds, { message: "request_kind.invalid" }),
    subjectType: z.enum(subjectTypes, { message: "subject_type.invalid" }),
    inn: z.string({ message: "inn.required" }).transform(normalizeInn),
    name: text("name"),
    headName: optionalText("head_name"),
    representative: representativeSchema(clock).optional(),
    minor: minorSchema.optional(),
    phone: z
      .string({ message: "phone.required" })
      .trim()
      .regex(/^\+?[\d\s()-]{6,20}$/, { message: "phone.invalid" }),
    email: z.union([z.literal(""), z.email({ message: "email.invalid" })]).optional(),
    notify: z.enum(noticeChannels, { message: "notify.invalid" }).default("none"),
    password: z.string().optional(),
    passwordConfirm: z.string().optional(),
  });

export type ApplicationFormInput = z.input<ReturnType<typeof baseSchema>>;
export type ApplicationForm = z.output<ReturnType<typeof baseSchema>>;

/**
 * What an application keeps of its form (the `form` column): the parsed form less the fields that
 * have columns (INN, name) and the password, plus the page's language, which the server adds. The
 * stored type is declared in db/schema, which imports nothing of workflows/; this line fails the
 * typecheck when the schema and it differ either way. `notify` is optional there only because
 * forms saved before it have none; every form saved now has it.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type StoredAsSavedNow = Omit<StoredApplicationForm, "notify" | "language"> & Required<Pick<StoredApplicationForm, "notify">>;
export type StoredFormIsParsedForm = Assert<Same<StoredAsSavedNow, Omit<ApplicationForm, "inn" | "name" | "password" | "passwordConfirm">>>;
type Assert<T extends true> = T;

/** The schema with an explicit clock (for the age test); the server passes its `now`. */
export function makeApplicationFormSchema(clock: () => Date = () => new Date()) {
  return baseSchema(clock).superRefine((v, ctx) => {
    const problem = innProblem(v.inn);
    if (problem) ctx.addIssue({ code: "custom", path: ["inn"], message: `inn.${problem}` });
    else if (v.subjectType === "legal_entity" && isPersonalInn(v.inn)) ctx.addIssue({ code: "custom", path: ["inn"], message: "inn.not_organisation" });
    else if ((v.subjectType === "individual" || v.subjectType === "entrepreneur") && !isPersonalInn(v.inn))
      ctx.addIssue({ code: "custom", path: ["inn"], message: "inn.not_person" });
    if (v.subjectType === "legal_entity" && !v.headName) ctx.addIssue({ code: "custom", path: ["headName"], message: "head_name.required" });
    // Notices by e-mail need an address; SMS goes to the phone, which is always required.
    if (v.notify === "email" && !v.email) ctx.addIssue({ code: "custom", path: ["email"], message: "email.required_for_notices" });
    const age = ageFromInn(v.inn, clock());
    if (age !== null && age < MINOR_AGE && !v.minor) ctx.addIssue({ code: "custom", path: ["minor"], message: "minor.required" });
    if (v.requestKind !== "annul") {
      for (const p of passwordProblems(v.password ?? "", v.inn)) ctx.addIssue({ code: "custom", path: ["password"], message: p });
      if ((v.password ?? "") !== (v.passwordConfirm ?? "")) ctx.addIssue({ code: "custom", path: ["passwordConfirm"], message: "password.mismatch" });
    }
  });
}

export const applicationFormSchema = makeApplicationFormSchema();
