export { renderDocument, DOCUMENT_KINDS } from "./render";
export { verificationUrl, HASH_PREFIX_LENGTH, COPY_LABEL, AUTHORITY } from "./layout/CopyPage";
export { WORDS, GROUND_LETTER } from "./labels";
export { PAPER_LANGUAGE_SETTINGS, PAPER_LANGUAGE_SETTING_NAMES, DEFAULT_PAPER_LANGUAGES, type PaperLanguageSetting } from "./languages";
export { printable } from "./sanitize";
export type * from "./types";
