export { renderDocument, DOCUMENT_KINDS } from "./render";
export { verificationUrl, HASH_PREFIX_LENGTH, COPY_LABEL, AUTHORITY } from "./layout/CopyPage";
export { printable } from "./sanitize";
export type * from "./types";
