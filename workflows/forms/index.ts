export { DAY_FORMAT, EARLIEST_DAY, dayField, dayProblem, latestToday, parseDay, periodSchema, type DayProblem } from "./day";
export { fieldIssues, validate, type FieldIssue } from "./parse";
