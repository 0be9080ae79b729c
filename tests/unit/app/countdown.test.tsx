import { renderToString } from "react-dom/server";
import { I18nextProvider, useTranslation } from "react-i18next";
import { describe, expect, it } from "vitest";
import { Countdown, CountdownInTable, type ClockState } from "../../../app/components/countdown";
import { supportedLngs } from "../../../app/utils/i18n";
import { renderingI18n } from "../../../app/utils/i18n.server";

/**
 * The queue draws its clocks with the page's own `t` (decision 081). Each must read exactly as the
 * clock that asks react-i18next for the desk's words itself, in every language, state and span.
 */
function QueueRow(props: Parameters<typeof Countdown>[0]) {
  // As the queue page binds it.
  const { t } = useTranslation(["desk", "common"]);
  return <CountdownInTable t={t} {...props} />;
}

const serverNow = Date.UTC(2026, 11, 4, 8, 0, 0);
const clocks: { dueIn: number; warnIn: number | null; state: ClockState }[] = [
  { dueIn: 14 * 60_000 + 5_000, warnIn: 9 * 60_000, state: "ok" },
  { dueIn: 3 * 60_000, warnIn: -2 * 60_000, state: "warning" },
  { dueIn: -7 * 60_000, warnIn: -12 * 60_000, state: "overdue" },
  { dueIn: 5 * 3_600_000 + 20 * 60_000, warnIn: null, state: "ok" },
  { dueIn: -(2 * 86_400_000 + 3 * 3_600_000), warnIn: null, state: "overdue" },
];

describe("the queue's clocks", () => {
  for (const lng of supportedLngs) {
    it(`${lng}: read as the clock that looks its words up itself`, async () => {
      const i18n = await renderingI18n(lng);
      for (const c of clocks) {
        const props = { dueAt: serverNow + c.dueIn, warnAt: c.warnIn === null ? null : serverNow + c.warnIn, serverNow, serverState: c.state, label: "DMTC-6NGM-ZX" };
        const own = renderToString(<I18nextProvider i18n={i18n}><Countdown {...props} /></I18nextProvider>);
        const inTable = renderToString(<I18nextProvider i18n={i18n}><QueueRow {...props} /></I18nextProvider>);
        expect(inTable).toBe(own);
        // Words, not keys: a `t` of another namespace would print "deadline.left".
        expect(own).not.toMatch(/deadline\./);
      }
    });
  }
});
