import { randomInt } from "node:crypto";

/**
 * The login (R12, R13, R15), see docs/decisions/011-login-format.md: "kb-" and eight symbols of
 * the lowercase look-alike-free alphabet (about 39.6 bits), e.g. "kb-7k3m9x2q". Random, so it
 * never is nor contains the INN and says nothing about the subject; unique by the database's
 * unique index, retried on a collision. Generated once, at the first grant, and never changed.
 */
const LOGIN_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
export const LOGIN_PREFIX = "kb-";
export const LOGIN_BODY_LENGTH = 8;

export function generateLogin(): string {
  let body = "";
  for (let i = 0; i < LOGIN_BODY_LENGTH; i++) body += LOGIN_ALPHABET[randomInt(LOGIN_ALPHABET.length)];
  return LOGIN_PREFIX + body;
}

/** Logins are compared case-insensitively and without surrounding spaces. */
export function normalizeLogin(raw: string): string {
  return raw.trim().toLowerCase();
}
