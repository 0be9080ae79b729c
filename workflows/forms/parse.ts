import type { z } from "zod";
import { WorkflowError } from "../errors";

/** One field's problem: its dotted path as the form names it, and an i18n key. */
export type FieldIssue = { path: string; message: string };

export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

/**
 * The one way input enters the domain: the schema's typed value, or a `validation` WorkflowError
 * whose details carry every field's problem (`details.issues`). Routes reach it through
 * `parseForm`; workflow functions call it on whatever they are handed.
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown, messageKey = "form.invalid"): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new WorkflowError("validation", messageKey, { issues: fieldIssues(parsed.error) });
  return parsed.data;
}
