/**
 * Kyrgyz INN (ИНН): 14 digits. The first digit says who holds it — 1 (female) or 2 (male) for a
 * person, followed by the birth date DDMMYYYY and a 5-digit serial; 0 for an organisation.
 * No public check digit exists, so we check the length, the kind digit and, for a person, the date.
 */
export type InnProblem = "empty" | "not_digits" | "length" | "kind" | "birth_date";

/** Strips spaces and dashes people type or paste ("2010 1199 0012 34"). */
export function normalizeInn(raw: string): string {
  return raw.replace(/[\s-]/g, "");
}

export function innProblem(raw: string): InnProblem | null {
  const inn = normalizeInn(raw);
  if (inn.length === 0) return "empty";
  if (!/^\d+$/.test(inn)) return "not_digits";
  if (inn.length !== 14) return "length";
  const kind = inn[0];
  if (kind === "0") return null;
  if (kind !== "1" && kind !== "2") return "kind";
  const day = Number(inn.slice(1, 3));
  const month = Number(inn.slice(3, 5));
  const year = Number(inn.slice(5, 9));
  const date = new Date(Date.UTC(year, month - 1, day));
  const valid =
    year >= 1900 && year <= 2100 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return valid ? null : "birth_date";
}

export function isValidInn(raw: string): boolean {
  return innProblem(raw) === null;
}

/** True for a person's INN (kind digit 1 or 2); organisations start with 0. */
export function isPersonalInn(inn: string): boolean {
  return inn[0] === "1" || inn[0] === "2";
}
