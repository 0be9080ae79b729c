import { z } from "zod";
import { dayField } from "../forms";

/**
 * The lifting document as the subject card's form sends it (decision 063): a number, a real day by
 * the one rule every date field applies, and who issued it. The reason and who may propose are the
 * correction machine's to judge.
 */
export function makeLiftingDocumentSchema(clock: () => Date = () => new Date()) {
  return z
    .object({
      liftNumber: z.string({ message: "lifting.document_number.required" }).trim().min(1, { message: "lifting.document_number.required" }).max(100, { message: "lifting.document_number.too_long" }),
      liftDate: dayField("lifting.document_date", clock),
      liftIssuer: z.string({ message: "lifting.issuer.required" }).trim().min(1, { message: "lifting.issuer.required" }).max(300, { message: "lifting.issuer.too_long" }),
    })
    .transform((f) => ({ number: f.liftNumber, date: f.liftDate, issuer: f.liftIssuer }));
}
