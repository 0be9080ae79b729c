export { JOURNAL_ACTIONS, isJournalAction, journalActionKey, type JournalAction } from "./actions";
export { appendJournal, chainOf, type JournalInput } from "./append";
export { verifyJournal, type ChainBreak, type JournalVerification } from "./verify";
export { canonicalJson, sha256Hex } from "./hash";
export { anchorChains, anchorAges, AnchoringJob, type AnchorRound, type AnchoringState, type ChainAnchorAge } from "./anchor";
export { verifyAnchors, type AnchorVerification, type AnchorBreak } from "./verify-anchors";
