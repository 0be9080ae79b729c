import { randomInt } from "node:crypto";

/**
 * The generated application code (R6), see docs/decisions/010-application-code.md.
 * Alphabet: 31 symbols (digits 2–9 and Latin capitals without I, L, O), so 0/O and 1/I/L cannot be
 * confused. Nine random symbols (9·log2 31 ≈ 44.6 bits) and one check symbol: the weighted sum
 * Σ (i+1)·v_i mod 31 over a prime modulus, so any single substituted symbol (and any swap of two
 * adjacent ones) changes the check. Shown as XXXX-XXXX-XX.
 */
export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const N = CODE_ALPHABET.length; // 31, prime
export const CODE_PAYLOAD_LENGTH = 9;
export const CODE_LENGTH = CODE_PAYLOAD_LENGTH + 1;

export function checkSymbol(payload: string): string {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    const v = CODE_ALPHABET.indexOf(payload[i]);
    if (v < 0) throw new Error("symbol outside the code alphabet");
    sum += (i + 1) * v;
  }
  // The check sits at position n+1: choose c so that Σ (i+1)·v_i + (n+1)·c ≡ 0 (mod 31).
  const w = payload.length + 1;
  const inv = modInverse(w % N, N);
  return CODE_ALPHABET[(((-sum % N) + N) % N) * inv % N];
}

function modInverse(a: number, m: number): number {
  for (let x = 1; x < m; x++) if ((a * x) % m === 1) return x;
  throw new Error("no inverse");
}

/** A new random code, canonical form (10 symbols, no separators). */
export function generateCode(): string {
  let payload = "";
  for (let i = 0; i < CODE_PAYLOAD_LENGTH; i++) payload += CODE_ALPHABET[randomInt(N)];
  return payload + checkSymbol(payload);
}

/** What people type: any case, spaces and dashes ("abcd efgh-2k" -> "ABCDEFGH2K"). */
export function normalizeCode(raw: string): string {
  return raw.replace(/[\s\-‐-―]/g, "").toUpperCase();
}

/** True when the code is well formed and its check symbol matches. */
export function isValidCode(raw: string): boolean {
  const code = normalizeCode(raw);
  if (code.length !== CODE_LENGTH) return false;
  for (const ch of code) if (!CODE_ALPHABET.includes(ch)) return false;
  return checkSymbol(code.slice(0, CODE_PAYLOAD_LENGTH)) === code[CODE_PAYLOAD_LENGTH];
}

export function formatCode(code: string): string {
  const c = normalizeCode(code);
  return `${c.slice(0, 4)}-${c.slice(4, 8)}-${c.slice(8)}`;
}
