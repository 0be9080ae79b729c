import { tr } from "./labels";
import type { AppealRoute, PaperLanguage, Translated } from "./types";

/** The parts of an appeal route, in print order. */
export const APPEAL_PARTS = ["body", "timeLimit", "address"] as const satisfies readonly (keyof AppealRoute)[];

/** The longest text an installation may configure for one part in one language (it must leave each copy on one page). */
export const APPEAL_TEXT_LIMIT = 250;

/** The route a refusal carries when the installation configures none (decision 059). */
export const DEFAULT_APPEAL_ROUTE: AppealRoute = {
  body: tr((w) => w.appeal.default.body),
  timeLimit: tr((w) => w.appeal.default.timeLimit),
  address: tr((w) => w.appeal.default.address),
};

const LANGUAGES: readonly PaperLanguage[] = ["ky", "ru"];

function translated(value: unknown): value is Translated {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return LANGUAGES.every((l) => typeof v[l] === "string" && (v[l] as string).trim() !== "");
}

/**
 * The appeal route of an issued refusal, read from its stored payload: the one reading the paper
 * (templates) and the public status page (workflows/printing refusalAppeal) share. Null for a
 * payload without one (a refusal issued before the route was printed, or not a refusal).
 */
export function appealRouteOf(payload: unknown): AppealRoute | null {
  const appeal = (payload as { appeal?: unknown } | null | undefined)?.appeal;
  if (typeof appeal !== "object" || appeal === null) return null;
  const a = appeal as Record<string, unknown>;
  if (!APPEAL_PARTS.every((part) => translated(a[part]))) return null;
  return { body: a.body as Translated, timeLimit: a.timeLimit as Translated, address: a.address as Translated };
}
