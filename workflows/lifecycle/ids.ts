import { WorkflowError } from "../errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** An id from outside (a form, a URL) that is not even a UUID names nothing: not found, not a crash. */
export function requireUuid(value: string, notFoundKey: string): string {
  if (!isUuid(value)) throw new WorkflowError("not_found", notFoundKey);
  return value;
}
