import type { z } from "zod";
import type { Standing } from "../../workflows/acts/standing";
import type { standingSchema } from "./schemas";

/** The domain's standing in the API's flat shape: every field present, null where it does not apply. */
export function standingJson(s: Standing): z.infer<typeof standingSchema> {
  if (s.inForce) return { inForce: true, endsAt: s.endsAt, since: null, endedBy: null };
  return {
    inForce: false,
    endsAt: null,
    since: s.since,
    endedBy: { kind: s.by.kind, basis: s.by.kind === "annulment" ? s.by.basis : null, number: s.by.number },
  };
}
