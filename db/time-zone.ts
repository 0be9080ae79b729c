/**
 * The zone of an office registered without one, and of what belongs to no office yet (an
 * application printed online). The only place it is written (the seed aside); everything else
 * takes it from workflows/clock and uses the office's own zone wherever an office is known.
 * No imports: pages that run in the browser read it too.
 */
export const DEFAULT_OFFICE_TIME_ZONE = "Asia/Bishkek";
