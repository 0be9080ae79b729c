import { resources } from "./i18n.server";

/** The i18n key (namespace desk) of a domain refusal, or a generic one when the catalog has no text for it. */
export function deskErrorKey(messageKey: string): string {
  let node: unknown = (resources.ru?.desk as Record<string, unknown> | undefined)?.errors;
  for (const part of messageKey.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === "string" ? `desk:errors.${messageKey}` : "desk:errors.unknown";
}
