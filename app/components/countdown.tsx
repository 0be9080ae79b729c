import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

export type ClockState = "ok" | "warning" | "overdue";

function two(n: number) {
  return String(n).padStart(2, "0");
}

/** Remaining (or overdue) time: mm:ss under an hour, hours and minutes under a day, else days and hours. */
export function formatSpan(ms: number, t: (key: string, o?: Record<string, unknown>) => string): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  if (s < 3600) return `${two(Math.floor(s / 60))}:${two(s % 60)}`;
  if (s < 86_400) return t("deadline.hours", { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
  return t("deadline.days", { d: Math.floor(s / 86_400), h: Math.floor((s % 86_400) / 3600) });
}

function stateAt(now: number, warnAt: number | null, dueAt: number): ClockState {
  if (now >= dueAt) return "overdue";
  if (warnAt !== null && now >= warnAt) return "warning";
  return "ok";
}

/**
 * A deadline as the server saw it at `serverNow` (rendered without JavaScript), then ticking every
 * second in the browser. Screen readers hear only the changes of state (polite), never the ticks.
 */
export function Countdown({
  dueAt,
  warnAt,
  serverNow,
  serverState,
  announce = true,
  label,
}: {
  /** An ISO string or epoch milliseconds. */
  dueAt: string | number;
  warnAt: string | number | null;
  serverNow: number;
  serverState: ClockState;
  announce?: boolean;
  /** Says which deadline an announcement is about (a queue has many). */
  label?: string;
}) {
  const { t } = useTranslation("desk");
  const due = typeof dueAt === "number" ? dueAt : new Date(dueAt).getTime();
  const warn = warnAt === null || typeof warnAt === "number" ? warnAt : new Date(warnAt).getTime();
  // null until the browser runs the clock: the server's page, and the browser's first render of it.
  const [now, setNow] = useState<number | null>(null);
  // The browser's clock may differ from the server's: keep the server's offset.
  const skew = useRef(0);
  useEffect(() => {
    skew.current = serverNow - Date.now();
    setNow(serverNow);
    const id = window.setInterval(() => setNow(Date.now() + skew.current), 1000);
    return () => window.clearInterval(id);
  }, [serverNow]);
  const at = now ?? serverNow;
  const state = at === serverNow ? serverState : stateAt(at, warn, due);
  const span = formatSpan(due - at, t);
  const text = state === "overdue" ? t("deadline.over", { time: span }) : t("deadline.left", { time: span });
  const [announced, setAnnounced] = useState<ClockState>(serverState);
  useEffect(() => {
    if (state !== announced) setAnnounced(state);
  }, [state, announced]);
  return (
    <span className={`countdown countdown-${state}`} data-state={state}>
      <span className={`badge badge-${state}`}>{t(`deadline.${state}`)}</span> <time dateTime={new Date(due).toISOString()}>{text}</time>
      {/* The live region joins the page once the clock runs in the browser, before anything can
          change: a page without JavaScript never changes, and the server leaves 25 of them out. */}
      {announce && now !== null ? (
        <span className="sr-only" aria-live="polite" aria-atomic="true">
          {announced !== serverState ? `${label ? `${label}: ` : ""}${t(`deadline.announce.${announced}`)}` : ""}
        </span>
      ) : null}
    </span>
  );
}
