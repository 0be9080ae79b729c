/**
 * Refusal grounds of R9: (a) no tax registration — the INN is absent from the registry or
 * deregistered; (b) documented participation in fictitious entrepreneurship or supplies — one
 * ground per evidence record, so a refusal names the document it rests on.
 */
export type Ground = { ground: "no_registration" } | { ground: "fictitious_activity"; evidenceId: string };

export interface RegistrationFacts {
  found: boolean;
  status: "registered" | "deregistered" | null;
  officeCode: string | null;
}

export function groundsFrom(registration: RegistrationFacts, evidenceIds: string[]): Ground[] {
  const grounds: Ground[] = [];
  if (!registration.found || registration.status !== "registered") grounds.push({ ground: "no_registration" });
  for (const evidenceId of evidenceIds) grounds.push({ ground: "fictitious_activity", evidenceId });
  return grounds;
}
