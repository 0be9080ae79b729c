export { innProblem, isPersonalInn, isValidInn, normalizeInn, type InnProblem } from "./inn";
export { importRegistryCsv, MAX_REPORTED_ERRORS, type ImportError, type ImportReport } from "./import";
export { readRegistryCsv, type CsvEvent, type RegistryCsvInput } from "./csv-records";
export {
  REGISTRATION_STATUSES,
  REGISTRY_COLUMNS,
  SUBJECT_TYPES,
  subjectTypeFitsInn,
  validateRegistryRow,
  type RegistrationStatus,
  type RegistryColumn,
  type RegistryRow,
  type RowError,
  type SubjectType,
} from "./row";
export { abandonStaleImports, IMPORT_STALE_AFTER_MS, type ImportFailure } from "./import-run";
export { recentImports, type ImportProgress } from "./import-progress";
