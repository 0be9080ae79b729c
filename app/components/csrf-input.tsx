import { useRouteLoaderData } from "@remix-run/react";

/** The hidden CSRF field every form carries (the token comes from the root loader). */
export function CsrfInput() {
  const root = useRouteLoaderData<{ csrf: string }>("root");
  return <input type="hidden" name="csrf" value={root?.csrf ?? ""} />;
}
