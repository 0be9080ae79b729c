export { renderDocument, DOCUMENT_KINDS } from "./render";
export { verificationUrl, HASH_PREFIX_LENGTH, COPY_LABEL, AUTHORITY } from "./layout/CopyPage";
export { WORDS, GROUND_LETTER } from "./labels";
export { PAPER_LANGUAGE_SETTINGS, PAPER_LANGUAGE_SETTING_NAMES, DEFAULT_PAPER_LANGUAGES, type PaperLanguageSetting } from "./languages";
export { printable } from "./sanitize";
export { appealRouteOf, DEFAULT_APPEAL_ROUTE, APPEAL_PARTS, APPEAL_TEXT_LIMIT } from "./appeal";
export type * from "./types";
export { warmUpRenderer } from "./warm-up";
