import { startLocalTsa, type LocalTsa } from "../../app/utils/local-tsa.server";

/** A real RFC 3161 TSA for a test (OpenSSL behind HTTP), made in a throwaway folder (decision 062). */
export type TestTsa = LocalTsa;

/** `name` tells two of them apart in their certificates (a second, untrusted one). */
export function startTestTsa(name = "Test"): Promise<TestTsa> {
  return startLocalTsa({ name });
}
