/** What a printed document prints; its number is the number of the act it prints (workflows/numbering). */
export type PrintedKind = "application" | "decision_grant" | "decision_refusal" | "annulment_notice" | "refusal_notice" | "journal_extract" | "revocation_act" | "lifting_act";
