import { useTranslation } from "react-i18next";

export function FlashMessage({ flash }: { flash: { kind: string; key: string; values?: Record<string, string | number> } }) {
  const { t } = useTranslation();
  return (
    <div className={`flash flash-${flash.kind}`} role={flash.kind === "error" ? "alert" : "status"}>
      {t(flash.key, flash.values)}
    </div>
  );
}
