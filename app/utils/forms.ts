/**
 * Turns flat form fields named with dots ("representative.name") into nested objects. Empty strings
 * become undefined so optional fields stay optional; the CSRF field and the intent are dropped.
 */
export function nestForm(form: FormData, skip: string[] = ["csrf", "intent"]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of form.entries()) {
    if (skip.includes(key) || typeof raw !== "string") continue;
    const value = raw === "" ? undefined : raw;
    const path = key.split(".");
    let node = out;
    for (const part of path.slice(0, -1)) {
      if (part === "__proto__" || part === "constructor" || part === "prototype") return out;
      node = (node[part] ??= {}) as Record<string, unknown>;
    }
    const leaf = path[path.length - 1];
    if (leaf === "__proto__" || leaf === "constructor" || leaf === "prototype") continue;
    if (value !== undefined) node[leaf] = value;
  }
  return out;
}

/** First issue per field path from a domain validation error's details. */
export function issuesByField(issues: { path: string; message: string }[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues ?? []) out[issue.path || "_form"] ??= issue.message;
  return out;
}
