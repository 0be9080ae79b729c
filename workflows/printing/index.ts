/** Printing from the database: template payloads for each paper, and issue-or-reprint. */
export { printDocument, type PrintSource, type PrintKind } from "./print";
export { applicationPayload, decisionPayload, annulmentPayload, alreadyAnnulledPayload, revocationPayload, liftingPayload, type Payload } from "./payloads";
export { deskDetails, type PrintedRef } from "./queries";
export { configureAppealRoute, currentAppealRoute, refusalAppeal, type RefusalAppeal } from "./appeal";
