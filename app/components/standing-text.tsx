import { useTranslation } from "react-i18next";
import type { Standing } from "../../workflows/acts/standing";
import type { Formatters } from "~/utils/dates";

/**
 * Whether an act is still in force, in the words of the verification page (namespace "verify"):
 * /verify and /status show the same sentence for the same fact (decision 061).
 */
export function StandingText({ standing, fmt }: { standing: Standing; fmt: Formatters }) {
  const { t } = useTranslation("verify");
  if (standing.inForce) {
    return <span className="badge badge-ok" data-testid="standing">{standing.endsAt ? t("inForceUntil", { at: fmt.instant(standing.endsAt) }) : t("inForce")}</span>;
  }
  const key = standing.by.kind === "annulment" ? standing.by.basis : standing.by.kind;
  return (
    <span className="badge badge-bad" data-testid="standing">
      {t(`ended.${key}`, { since: fmt.instant(standing.since), number: standing.by.number ?? "—" })}
    </span>
  );
}
