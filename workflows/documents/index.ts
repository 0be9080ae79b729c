export { issueDocument, type IssueInput } from "./issue";
export { reprintDocument } from "./reprint";
export { verifyDocument, type Verification, type DocumentOutcome } from "./verify";
export { documentMeta, renderProps, type PaperSettings } from "./props";
export type { PrintedKind } from "./number";
export type { IssuedDocument } from "./types";
