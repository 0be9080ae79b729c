import type { Db } from "../../db/client";
import { isWorkflowError, type WorkflowError } from "../../workflows/errors";
import { problem, type ApiAnswer, type ApiReply, type ProblemType } from "./api.server";
import { cabinetGuesses, cabinetSource } from "./credential-check.server";
import type { Lng } from "./i18n";
import { resources } from "./i18n.server";
import { hitRateLimits, refundRateLimits } from "./rate-limit.server";

type HolderText = Record<"invalidCredentials" | "alreadyLocked" | "locked" | "notActive" | "weakPassword" | "changed", string>;

/** Each refusal of the holder's own steps (decision 060): its problem type and its words in api.json's `holder`. */
const REFUSALS: Record<string, { type: ProblemType; text: keyof HolderText }> = {
  "holder.invalid_credentials": { type: "invalid-credentials", text: "invalidCredentials" },
  "holder.already_locked": { type: "conflict", text: "alreadyLocked" },
  "holder.locked": { type: "conflict", text: "locked" },
  "holder.not_active": { type: "conflict", text: "notActive" },
  "holder.weak_password": { type: "invalid-request", text: "weakPassword" },
  "record.changed_by_someone_else": { type: "conflict", text: "changed" },
};

/** A message key of the application form (`password.too_short`), in the caller's language: R16 says the same here as on the form. */
function formMessage(lng: Lng, key: string): string {
  const value = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], resources[lng].apply);
  return typeof value === "string" ? value : key;
}

/** A refusal of the holder's own steps as a problem document, worded in the caller's language. */
export function holderProblem(error: WorkflowError, reply: ApiReply): ApiAnswer | null {
  const refusal = REFUSALS[error.messageKey];
  if (!refusal) return null;
  const text = resources[reply.lng].api.holder as HolderText;
  const issues = Array.isArray(error.details.issues) ? (error.details.issues as { path: string; message: string }[]) : [];
  return problem(refusal.type, reply, {
    detail: text[refusal.text],
    ...(issues.length ? { errors: issues.map((i) => ({ path: i.path, message: formMessage(reply.lng, i.message) })) } : {}),
  });
}

/**
 * A holder's step under the Cabinet's guess limits (decision 053), as the online refusal takes it:
 * the guess is counted before the password is checked; anything but wrong credentials gives the
 * hit back (the holder knew the password).
 */
export async function holderStep(
  database: Db,
  args: { login: string; clientAddress?: string; clientId: string; reply: ApiReply },
  run: () => Promise<ApiAnswer>,
): Promise<ApiAnswer> {
  const rooms = await hitRateLimits(database, cabinetGuesses(args.login, cabinetSource({ clientAddress: args.clientAddress, clientId: args.clientId })));
  if (!rooms.allowed) return problem("rate-limited", args.reply, { retryAfterSeconds: rooms.retryAfterSeconds });
  try {
    const response = await run();
    await refundRateLimits(database, rooms);
    return response;
  } catch (error) {
    if (!isWorkflowError(error) || error.code !== "unauthorized") await refundRateLimits(database, rooms);
    const answer = isWorkflowError(error) ? holderProblem(error, args.reply) : null;
    if (answer) return answer;
    throw error;
  }
}
