import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DECISION_DUE_MINUTES } from "../../workflows/clock/deadlines";
// Types only: the figures are computed in the loader (workflows/subject/stats-figures.ts), once.
import type { DayFigures, Figures } from "../../workflows/subject/stats-figures";
import { DownloadLinks } from "~/components/download-links";
import extraStyles from "~/styles-extra.css?url";
import { SUPERVISOR_ROLES, requireStaff } from "~/utils/auth.server";
import { statisticsOfRequest } from "~/utils/stats.server";
import { useFormat } from "~/utils/format";
import type { I18nHandle } from "~/utils/i18n";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: extraStyles }];
export const handle = { i18n: ["supervisor"], title: "common:nav.stats" } satisfies I18nHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, SUPERVISOR_ROLES);
  const { status, figures, ...rest } = await statisticsOfRequest(request, staff);
  return data({ ...rest, stats: figures }, { status });
}

/** A calendar day (yyyy-MM-dd) as pages write it: dd.MM.yyyy. */
const dayOf = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;

/** Vertical bars per day as an SVG picture; the same numbers are in the table beside it. */
function DayBars({ days, value, max, unit, titleId, title, desc, className, target }: {
  days: DayFigures[]; value: (d: DayFigures) => number | null; max: number; unit: string; titleId: string; title: string; desc: string; className: string; target?: { value: number; label: string };
}) {
  const w = 720, h = 220, left = 40, bottom = 36, top = 12;
  const slot = (w - left) / Math.max(1, days.length);
  const y = (v: number) => top + (h - top - bottom) * (1 - Math.min(v, max) / max);
  const everyNth = Math.ceil(days.length / 14);
  return (
    <svg className="chart-svg" viewBox={`0 0 ${w} ${h}`} role="img" aria-labelledby={`${titleId} ${titleId}-desc`}>
      <title id={titleId}>{title}</title>
      <desc id={`${titleId}-desc`}>{desc}</desc>
      <line className="axis" x1={left} x2={w} y1={h - bottom} y2={h - bottom} />
      {[0, 0.5, 1].map((f) => (
        <g key={f}>
          <line className="axis" x1={left} x2={w} y1={y(max * f)} y2={y(max * f)} strokeOpacity={0.4} />
          <text x={left - 4} y={y(max * f) + 4} textAnchor="end">{Math.round(max * f)}{unit}</text>
        </g>
      ))}
      {target ? (
        <g>
          <line className="target" x1={left} x2={w} y1={y(target.value)} y2={y(target.value)} />
          <text x={w - 2} y={y(target.value) - 3} textAnchor="end">{target.label}</text>
        </g>
      ) : null}
      {days.map((d, i) => {
        const v = value(d);
        const x = left + i * slot + slot * 0.15;
        return (
          <g key={d.day}>
            {v !== null ? <rect className={className} x={x} width={slot * 0.7} y={y(v)} height={h - bottom - y(v)} /> : null}
            {i % everyNth === 0 ? <text x={x + slot * 0.35} y={h - bottom + 14} textAnchor="middle">{d.day.slice(8, 10)}.{d.day.slice(5, 7)}</text> : null}
          </g>
        );
      })}
    </svg>
  );
}

function HBars({ rows, caption }: { rows: { label: string; value: number; bad?: boolean }[]; caption: string }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <figure>
      <figcaption>{caption}</figcaption>
      <div className="chart" aria-hidden="true">
        {rows.map((r) => (
          <div className="bar-row" key={r.label}>
            <span>{r.label}</span>
            <span><span className={`bar${r.bad ? " bad" : ""}`} style={{ display: "block", width: `${(r.value / max) * 100}%` }} /></span>
            <span className="num">{r.value}</span>
          </div>
        ))}
      </div>
      <table className="sr-only">
        <caption>{caption}</caption>
        <tbody>{rows.map((r) => <tr key={r.label}><th scope="row">{r.label}</th><td>{r.value}</td></tr>)}</tbody>
      </table>
    </figure>
  );
}

function FigureHeads() {
  const { t } = useTranslation(["supervisor"]);
  return (
    <>
      <th scope="col" className="num">{t("stats.decided")}</th><th scope="col" className="num">{t("stats.onTime")}</th><th scope="col" className="num">{t("stats.onTimeShare")}</th>
      <th scope="col" className="num">{t("stats.granted")}</th><th scope="col" className="num">{t("stats.refused")}</th><th scope="col" className="num">{t("stats.averageMinutes")}</th>
    </>
  );
}

/** One row's figures, as the per-day table writes them. */
function FigureCells({ f }: { f: Figures }) {
  const fmt = useFormat();
  return (
    <>
      <td className="num">{f.decided}</td><td className="num">{f.onTime}</td><td className="num">{f.onTimeShare ?? "—"}{f.onTimeShare !== null ? "%" : ""}</td>
      <td className="num">{f.granted}</td><td className="num">{f.refused}</td><td className="num">{fmt.number(f.averageMinutes)}</td>
    </>
  );
}

export default function Statistics() {
  const { t } = useTranslation(["supervisor", "common"]);
  const fmt = useFormat();
  const { from, to, stats, error, office, offices, fields } = useLoaderData<typeof loader>();
  const several = offices.length > 1;
  const nameOf = (code: string) => offices.find((o) => o.code === code)?.name ?? code;
  const days = stats?.days ?? [];
  const maxAvg = Math.max(30, ...days.map((d) => d.averageMinutes ?? 0));
  return (
    <section aria-labelledby="stats-title">
      <h1 id="stats-title">{office ? t("stats.title", { office }) : t("stats.titleAll", { count: offices.length })}</h1>
      <Form method="get" className="filters">
        {several ? (
          <div className="field">
            <label htmlFor="stats-office">{t("scope.office")}</label>
            <select id="stats-office" name="office" defaultValue={office}>
              <option value="">{t("scope.all", { count: offices.length })}</option>
              {offices.map((o) => <option key={o.code} value={o.code}>{o.code} — {o.name}</option>)}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="stats-from">{t("stats.from")}</label>
          <input id="stats-from" type="date" name="from" defaultValue={from} required aria-invalid={fields.from ? true : undefined} aria-describedby={fields.from ? "stats-from-error" : undefined} />
          {fields.from ? <span className="field-error" id="stats-from-error">{t(fields.from)}</span> : null}
        </div>
        <div className="field">
          <label htmlFor="stats-to">{t("stats.to")}</label>
          <input id="stats-to" type="date" name="to" defaultValue={to} required aria-invalid={fields.to ? true : undefined} aria-describedby={fields.to ? "stats-to-error" : undefined} />
          {fields.to ? <span className="field-error" id="stats-to-error">{t(fields.to)}</span> : null}
        </div>
        <button type="submit">{t("stats.show")}</button>
      </Form>
      {error ? <p className="flash flash-error" role="alert">{t("stats.badPeriod")}</p> : null}
      {stats ? (
        <>
          <DownloadLinks
            id="stats-download"
            path="/desk/stats/export"
            params={several ? { office, from, to } : { from, to }}
            label={t("stats.export.label")}
            csv={t("stats.export.csv")}
            xlsx={t("stats.export.xlsx")}
            hint={t("stats.export.hint")}
          />
          <ul className="kpis" aria-label={t("stats.summary")}>
            <li><span className="kpi-value">{stats.totals.decided}</span>{t("stats.decided")}</li>
            <li><span className="kpi-value" data-testid="on-time-share">{stats.totals.onTimeShare ?? "—"}{stats.totals.onTimeShare !== null ? "%" : ""}</span>{t("stats.onTimeShare")}</li>
            <li><span className="kpi-value">{fmt.number(stats.totals.averageMinutes)}</span>{t("stats.averageMinutes")}</li>
            <li><span className="kpi-value">{stats.totals.granted} / {stats.totals.refused}</span>{t("stats.grantedRefused")}</li>
          </ul>

          <h2>{t("stats.onTimeTitle")}</h2>
          <DayBars days={days} value={(d) => d.onTimeShare} max={100} unit="%" titleId="chart-ontime" title={t("stats.onTimeTitle")} desc={t("stats.onTimeDesc")} className="bar-ok" />

          <h2>{t("stats.averageTitle")}</h2>
          <DayBars days={days} value={(d) => d.averageMinutes} max={maxAvg} unit="" titleId="chart-average" title={t("stats.averageTitle")} desc={t("stats.averageDesc")} className="bar-accent" target={{ value: DECISION_DUE_MINUTES, label: t("stats.limit") }} />

          <div className="grid-2">
            <HBars caption={t("stats.outcomesTitle")} rows={[{ label: t("stats.granted"), value: stats.totals.granted }, { label: t("stats.refused"), value: stats.totals.refused, bad: true }]} />
            <HBars caption={t("stats.groundsTitle")} rows={stats.refusalsByGround.length ? stats.refusalsByGround.map((g) => ({ label: t(`stats.grounds.${g.ground}`, { defaultValue: g.ground }), value: g.count, bad: true })) : [{ label: t("stats.noRefusals"), value: 0 }]} />
          </div>

          <h2>{t("stats.tableTitle")}</h2>
          <table>
            <caption>{t("stats.tableCaption", { from: dayOf(from), to: dayOf(to) })}</caption>
            <thead>
              <tr><th scope="col">{t("stats.day")}</th><FigureHeads /></tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.day}>
                  <th scope="row">{dayOf(d.day)}</th>
                  <FigureCells f={d} />
                </tr>
              ))}
            </tbody>
          </table>

          {several && stats.byOffice.length > 1 ? (
            <>
              <h2 id="stats-by-office">{t("stats.byOfficeTitle")}</h2>
              <table aria-labelledby="stats-by-office">
                <thead>
                  <tr><th scope="col">{t("scope.office")}</th><FigureHeads /></tr>
                </thead>
                <tbody>
                  {stats.byOffice.map((o) => (
                    <tr key={o.officeCode}><th scope="row">{o.officeCode} — {nameOf(o.officeCode)}</th><FigureCells f={o} /></tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}

          <h2 id="stats-by-inspector">{t("stats.byInspectorTitle")}</h2>
          {stats.byInspector.length === 0 ? <p>{t("stats.noDecisions")}</p> : (
            <table aria-labelledby="stats-by-inspector">
              <thead>
                <tr><th scope="col">{t("stats.inspector")}</th><th scope="col">{t("scope.office")}</th><FigureHeads /></tr>
              </thead>
              <tbody>
                {stats.byInspector.map((i) => (
                  <tr key={`${i.officeCode}-${i.inspectorId}`}><th scope="row">{i.inspectorName}</th><td>{i.officeCode}</td><FigureCells f={i} /></tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : null}
    </section>
  );
}
