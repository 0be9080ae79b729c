import { hashPassword } from "../auth/argon";

export { hashPassword, verifyPassword } from "../auth/argon";

let dummy: Promise<string> | null = null;
/** A hash of a random secret: unknown logins are verified against it so that they take as long. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(crypto.randomUUID());
  return dummy;
}
