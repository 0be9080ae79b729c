import { useNavigate } from "@remix-run/react";
import { useCallback, type MouseEvent } from "react";

/**
 * A long table's links as plain anchors, followed inside the app by one click handler on the table
 * (decision 077). A Remix `<Link>` resolves its path twice and sets up prefetching and a click
 * handler of its own: on the queue's 50-odd rows that was 7 % of the page's server CPU. The
 * anchors carry `data-discover`, as `<Link>` writes it, so Remix learns their routes before a click.
 * Without JavaScript, or with a modifier key, a target or another origin, the browser follows the
 * anchor itself, as it would a `<Link>`.
 */
export function useTableLinks(): (event: MouseEvent<HTMLElement>) => void {
  const navigate = useNavigate();
  return useCallback(
    (event: MouseEvent<HTMLElement>) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
      const anchor = event.target instanceof Element ? event.target.closest("a") : null;
      if (!anchor || !event.currentTarget.contains(anchor) || anchor.hasAttribute("download")) return;
      if ((anchor.target && anchor.target !== "_self") || anchor.origin !== window.location.origin) return;
      event.preventDefault();
      navigate(anchor.pathname + anchor.search + anchor.hash);
    },
    [navigate],
  );
}

/** An anchor of such a table: what `<Link to>` writes for a path inside the app. */
export function TableLink({ to, ...props }: { to: string; className?: string; "aria-label"?: string; children: React.ReactNode }) {
  return <a href={to} data-discover="render" {...props} />;
}
