/** The subject's side for staff and the public: search, card extras, journal, extract, statistics. */
export { applicationJournal, listJournal, journalPages, recordJournalExport, EXPORT_PAGE_SIZE, subjectJournalForPrint, encodeCursor, decodeCursor } from "./journal";
export type { PublicJournalEntry, StaffJournalEntry, JournalFilters, JournalCursor } from "./journal";
export { issueJournalExtract, type JournalExtractPayload } from "./extract";
export { searchSubjects, searchKind, namePrefixQuery, type SubjectHit, type SearchResult, type SearchKind } from "./search";
export { officeStatistics, statistics, statisticsSeenBy, recordStatisticsExport, dayStart, MAX_PERIOD_DAYS, type OfficeStatistics, type DayStats, type Counts, type CountedOffice } from "./stats";
export { statisticsFigures, onTimeShare, averageMinutes, type StatisticsFigures, type DayFigures, type Figures } from "./stats-figures";
export { publicStatus, subjectDocuments, type PublicStatus, type PublicStage } from "./status";
export { actionRu, roleRu, actionWords, roleWords, ACTION_RU, ACTION_WORDS, ROLE_RU, ROLE_WORDS, KNOWN_ROLES } from "./labels";
