import { useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * The message a redirect left for the page (PRG). It belongs to the step that caused it: once the
 * user submits the next form it is gone, so a failed step never shows under an earlier success.
 */
export function FlashMessage({ flash }: { flash: { kind: string; key: string; values?: Record<string, string | number> } }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [superseded, setSuperseded] = useState(false);
  // A new flash (a fresh loader answer) is shown again; a submission hides the current one.
  useEffect(() => setSuperseded(false), [flash]);
  useEffect(() => {
    if (navigation.state === "submitting") setSuperseded(true);
  }, [navigation.state]);
  if (superseded) return null;
  return (
    <div className={`flash flash-${flash.kind}`} role={flash.kind === "error" ? "alert" : "status"}>
      {t(flash.key, flash.values)}
    </div>
  );
}
