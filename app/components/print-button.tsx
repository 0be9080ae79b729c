import { useTranslation } from "react-i18next";
import { CsrfInput } from "./csrf-input";

/**
 * A print is a POST (it issues a numbered document and is journaled), answered with the PDF in a
 * new tab; a plain form, so the browser, not the router, receives the file.
 */
export function PrintButton({ applicationId, what, label }: { applicationId: string; what: "application" | "decision" | "annulment" | "revocation"; label: string }) {
  const { t } = useTranslation("desk");
  return (
    <form method="post" action={`/desk/applications/${applicationId}/print`} target="_blank" className="inline">
      <CsrfInput />
      <input type="hidden" name="what" value={what} />
      <button type="submit" className="secondary" data-print={what}>
        {label} <span className="sr-only">{t("print.newTab")}</span>
      </button>
    </form>
  );
}
