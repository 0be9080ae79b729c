import { useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { loader as rootLoader } from "../root";
import { formattersFor, type Formatters } from "./dates";

/**
 * The page's formatters: its language, and the zone of the office it speaks for. Staff pages call
 * it without an argument and read times in the signed-in member's office zone (the root loader's);
 * public pages pass the zone of the office the record belongs to (null: none known, the default).
 */
export function useFormat(officeTimeZone?: string | null): Formatters {
  const { i18n } = useTranslation();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const zone = officeTimeZone === undefined ? root?.timeZone : officeTimeZone;
  return formattersFor(i18n.language, zone);
}
