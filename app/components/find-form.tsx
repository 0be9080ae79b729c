import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "./csrf-input";

/** INN + code, keyboard-first: the INN field takes the focus, Enter submits. */
export function FindForm({ inn, code, error, autoFocus = true, heading: Heading = "h2" }: { inn?: string; code?: string; error?: string | null; autoFocus?: boolean; heading?: "h1" | "h2" }) {
  const { t } = useTranslation("desk");
  return (
    <Form method="post" action="/desk/find" className="find-form" aria-labelledby="find-title">
      <CsrfInput />
      <Heading id="find-title">{t("find.title")}</Heading>
      <p className="hint" id="find-hint">{t("find.hint")}</p>
      <div className="find-row">
        <div className="field">
          <label htmlFor="find-inn">{t("find.inn")}</label>
          <input id="find-inn" name="inn" type="text" inputMode="numeric" autoComplete="off" maxLength={20} required autoFocus={autoFocus} defaultValue={inn} aria-describedby="find-hint" aria-invalid={error ? true : undefined} />
        </div>
        <div className="field">
          <label htmlFor="find-code">{t("find.code")}</label>
          <input id="find-code" name="code" type="text" autoComplete="off" autoCapitalize="characters" spellCheck={false} maxLength={24} required defaultValue={code} aria-invalid={error ? true : undefined} />
        </div>
        <button type="submit">{t("find.submit")}</button>
      </div>
      {error ? <p className="field-error" role="alert">{error}</p> : null}
    </Form>
  );
}
