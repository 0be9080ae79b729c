/**
 * The CSV and XLSX buttons of a page's download (decision 066): plain links with `download`, so
 * the browser saves the file and Remix neither prefetches nor navigates to them.
 */
export function DownloadLinks({ path, params, label, csv, xlsx, hint, id }: { path: string; params: Record<string, string>; label: string; csv: string; xlsx: string; hint: string; id: string }) {
  const href = (format: string) => `${path}?${new URLSearchParams({ ...params, format })}`;
  return (
    <div className="downloads" role="group" aria-labelledby={id} aria-describedby={`${id}-hint`}>
      <p id={id}>{label}</p>
      <div className="actions">
        <a className="button secondary" href={href("xlsx")} download data-testid="download-xlsx">{xlsx}</a>
        <a className="button secondary" href={href("csv")} download data-testid="download-csv">{csv}</a>
      </div>
      <p className="hint" id={`${id}-hint`}>{hint}</p>
    </div>
  );
}
