import { z } from "zod";
import { innProblem, normalizeInn } from "./inn";

/** The registry file's columns, in the order the template lists them. */
export const REGISTRY_COLUMNS = ["inn", "name", "subject_type", "office_code", "registration_status"] as const;
export type RegistryColumn = (typeof REGISTRY_COLUMNS)[number];

export const SUBJECT_TYPES = ["individual", "entrepreneur", "legal_entity", "foreign_resident"] as const;
export const REGISTRATION_STATUSES = ["registered", "deregistered"] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const NAME_MAX_LENGTH = 300;

/**
 * Header names accepted for each column, compared after lower-casing and turning spaces and dashes
 * into underscores: the English names of the template, plus the Russian ones an export from the
 * tax registration database is likely to carry.
 */
const COLUMN_ALIASES: Record<RegistryColumn, string[]> = {
  inn: ["inn", "инн"],
  name: ["name", "наименование", "фио", "наименование_фио", "наименование/фио", "наименование_(фио)"],
  subject_type: ["subject_type", "тип_субъекта", "тип"],
  office_code: ["office_code", "код_органа", "код_налогового_органа", "код_угнс", "угнс"],
  registration_status: ["registration_status", "статус_регистрации", "статус"],
};

export function normalizeHeaderName(raw: string): string {
  return raw.trim().toLowerCase().replace(/[\s-]+/g, "_");
}

export function columnForHeader(raw: string): RegistryColumn | null {
  const name = normalizeHeaderName(raw);
  for (const column of REGISTRY_COLUMNS) if (COLUMN_ALIASES[column].includes(name)) return column;
  return null;
}

export interface RegistryRow {
  inn: string;
  name: string;
  subjectType: SubjectType;
  officeCode: string;
  registrationStatus: RegistrationStatus;
}

export interface RowError {
  field?: RegistryColumn;
  /** i18n key, e.g. "registry.inn.length". */
  messageKey: string;
  /** The offending value as written in the file (cut to 100 characters). */
  value?: string;
}

export type RowValidation = { ok: true; row: RegistryRow } | { ok: false; errors: RowError[] };

/**
 * Which subject types an INN of each kind may carry. An organisation's INN (kind 0) belongs to a
 * legal entity, or to a foreign company registered here (foreign_resident); a person's INN (1/2)
 * never to a legal entity. See docs/decisions/030-registry-import.md.
 */
export function subjectTypeFitsInn(inn: string, subjectType: SubjectType): boolean {
  const organisation = inn[0] === "0";
  if (subjectType === "foreign_resident") return true;
  if (subjectType === "legal_entity") return organisation;
  return !organisation;
}

const lowerEnum = <T extends readonly [string, ...string[]]>(values: T, messageKey: string) =>
  z
    .string()
    .transform((s) => s.trim().toLowerCase())
    .pipe(z.enum(values, { error: messageKey }));

function buildRowSchema(officeCodes: ReadonlySet<string>) {
  return z
    .object({
      inn: z
        .string()
        .transform((s) => normalizeInn(s))
        .superRefine((inn, ctx) => {
          const problem = innProblem(inn);
          if (problem) ctx.addIssue({ code: "custom", message: `registry.inn.${problem}` });
        }),
      // Runs of spaces and line breaks inside a quoted name collapse to one space.
      name: z
        .string()
        .transform((s) => s.replace(/\s+/g, " ").trim())
        .pipe(z.string().min(1, "registry.name.empty").max(NAME_MAX_LENGTH, "registry.name.too_long")),
      subject_type: lowerEnum(SUBJECT_TYPES, "registry.subject_type.invalid"),
      office_code: z
        .string()
        .transform((s) => s.trim())
        .superRefine((code, ctx) => {
          if (code === "") ctx.addIssue({ code: "custom", message: "registry.office_code.empty" });
          else if (!officeCodes.has(code)) ctx.addIssue({ code: "custom", message: "registry.office_code.unknown" });
        }),
      registration_status: lowerEnum(REGISTRATION_STATUSES, "registry.registration_status.invalid"),
    })
    .superRefine((row, ctx) => {
      // A bad INN is already reported; its kind digit says nothing then.
      if (innProblem(row.inn)) return;
      if (!subjectTypeFitsInn(row.inn, row.subject_type)) {
        ctx.addIssue({
          code: "custom",
          path: ["subject_type"],
          message: row.inn[0] === "0" ? "registry.subject_type.organisation_inn" : "registry.subject_type.personal_inn",
        });
      }
    });
}

const schemaCache = new WeakMap<ReadonlySet<string>, ReturnType<typeof buildRowSchema>>();

function clip(value: string): string {
  return value.length > 100 ? `${value.slice(0, 100)}…` : value;
}

/**
 * Validates one data row given as column -> raw text. Never throws: any input gives either a row
 * ready for the upsert or the list of what is wrong with it, each with an i18n key.
 */
export function validateRegistryRow(fields: Partial<Record<RegistryColumn, string>>, officeCodes: ReadonlySet<string>): RowValidation {
  let schema = schemaCache.get(officeCodes);
  if (!schema) {
    schema = buildRowSchema(officeCodes);
    schemaCache.set(officeCodes, schema);
  }
  const input = {
    inn: fields.inn ?? "",
    name: fields.name ?? "",
    subject_type: fields.subject_type ?? "",
    office_code: fields.office_code ?? "",
    registration_status: fields.registration_status ?? "",
  };
  const parsed = schema.safeParse(input);
  if (parsed.success) {
    const r = parsed.data;
    return {
      ok: true,
      row: { inn: r.inn, name: r.name, subjectType: r.subject_type, officeCode: r.office_code, registrationStatus: r.registration_status },
    };
  }
  const errors: RowError[] = parsed.error.issues.map((issue) => {
    const field = issue.path[0] as RegistryColumn | undefined;
    return { field, messageKey: issue.message, value: field ? clip(input[field]) : undefined };
  });
  return { ok: false, errors };
}
