import { afterEach } from "vitest";

/**
 * Lets the worker's event loop reach its I/O phase between tests. A file that renders PDFs or runs
 * the embedded database back to back can go on for minutes on promises alone, never reading the
 * reply to the runner's progress report: its 60 s timer then fires first and vitest fails the run
 * with `Timeout calling "onTaskUpdate"` though every test passed. setImmediate runs after the poll
 * phase, so each test ends with the pending replies read.
 */
afterEach(() => new Promise<void>((resolve) => setImmediate(resolve)));
