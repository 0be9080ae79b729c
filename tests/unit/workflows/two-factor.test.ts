import { afterEach, describe, expect, it } from "vitest";
import {
  configureSecondFactor,
  isTotpCode,
  newRecoveryCodes,
  normalizeRecoveryCode,
  parseTotpKey,
  recoveryCodeHash,
  secondFactorRequired,
  secondFactorStep,
  totpKeyText,
  totpKeyUri,
  totpMatches,
} from "../../../workflows/auth/two-factor";

// RFC 6238, appendix B: the SHA-1 key is the ASCII of "12345678901234567890"; the 8-digit codes
// there end in the 6-digit ones an app shows.
const RFC_KEY = new TextEncoder().encode("12345678901234567890");

afterEach(() => configureSecondFactor({ requiredForInspectors: false }));

describe("TOTP codes (decision 065)", () => {
  it("match RFC 6238's SHA-1 vectors at 30-second steps and 6 digits", () => {
    expect(totpMatches(RFC_KEY, "287082", new Date(59_000))).toBe(true);
    expect(totpMatches(RFC_KEY, "081804", new Date(1_111_111_109_000))).toBe(true);
    expect(totpMatches(RFC_KEY, "005924", new Date(1_234_567_890_000))).toBe(true);
    expect(totpMatches(RFC_KEY, "279037", new Date(2_000_000_000_000))).toBe(true);
  });

  it("accept one step either side and no further, and nothing that is not six digits", () => {
    const at = 1_234_567_890_000; // step 41152263, code 005924
    expect(totpMatches(RFC_KEY, "005924", new Date(at + 30_000))).toBe(true);
    expect(totpMatches(RFC_KEY, "005924", new Date(at - 30_000))).toBe(true);
    expect(totpMatches(RFC_KEY, "005924", new Date(at + 60_000))).toBe(false);
    expect(totpMatches(RFC_KEY, "005924", new Date(at - 60_000))).toBe(false);
    for (const bad of ["", "5924", "0059240", "00592a", " 005924"]) expect(totpMatches(RFC_KEY, bad, new Date(at)), bad).toBe(false);
  });

  it("a key travels as 32 base32 letters and nothing else is taken for one", () => {
    const text = totpKeyText(RFC_KEY);
    expect(text).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(parseTotpKey(text.toLowerCase().replace(/(.{4})/g, "$1 "))).toEqual(RFC_KEY);
    for (const bad of ["", "GEZDGNBV", text + "GE", "1!" + text.slice(2)]) expect(() => parseTotpKey(bad), bad).toThrow(/twoFactor.key_invalid/);
  });

  it("the enrolment URI says what an authenticator app needs: issuer, account, key, SHA-1, 30 s, 6 digits", () => {
    const text = totpKeyUri("supervisor.lenin", RFC_KEY);
    expect(text.startsWith("otpauth://totp/Cabinet%20Access:supervisor.lenin?")).toBe(true);
    const uri = new URL(text);
    expect(Object.fromEntries(uri.searchParams)).toEqual({ issuer: "Cabinet Access", algorithm: "SHA1", secret: totpKeyText(RFC_KEY), period: "30", digits: "6" });
  });
});

describe("recovery codes", () => {
  it("eight distinct codes of 80 random bits, in four groups of four", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(8);
    expect(new Set(codes).size).toBe(8);
    for (const c of codes) expect(c).toMatch(/^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/);
  });

  it("are the same code whatever the case, spaces and dashes it is typed with; hashed, never kept", () => {
    expect(normalizeRecoveryCode(" ABCD-efgh ijkl-MNOP ")).toBe("abcdefghijklmnop");
    expect(recoveryCodeHash("ABCD EFGH IJKL MNOP")).toBe(recoveryCodeHash("abcd-efgh-ijkl-mnop"));
    expect(recoveryCodeHash("abcd-efgh-ijkl-mnop")).toMatch(/^[0-9a-f]{64}$/);
    expect(recoveryCodeHash("abcd-efgh-ijkl-mnoq")).not.toBe(recoveryCodeHash("abcd-efgh-ijkl-mnop"));
  });

  it("six digits are read as an app's code, anything else as a recovery code", () => {
    expect(isTotpCode("123456")).toBe(true);
    expect(isTotpCode("123 456")).toBe(true);
    expect(isTotpCode("abcd-efgh-ijkl-mnop")).toBe(false);
    expect(isTotpCode("1234567")).toBe(false);
  });
});

describe("who needs the second step", () => {
  it("supervisors and administrators always; inspectors when the installation says so", () => {
    expect([secondFactorRequired("inspector"), secondFactorRequired("supervisor"), secondFactorRequired("admin")]).toEqual([false, true, true]);
    configureSecondFactor({ requiredForInspectors: true });
    expect(secondFactorRequired("inspector")).toBe(true);
  });

  it.each([
    // role, has a factor, this session passed it, what it still needs
    ["inspector", false, false, "done"],
    ["inspector", true, false, "code"],
    ["inspector", true, true, "done"],
    ["supervisor", false, false, "enrol"],
    ["supervisor", false, true, "enrol"],
    ["supervisor", true, false, "code"],
    ["supervisor", true, true, "done"],
    ["admin", false, false, "enrol"],
    ["admin", true, false, "code"],
    ["admin", true, true, "done"],
  ] as const)("%s, factor %s, passed %s: %s", (role, enrolled, verified, step) => {
    expect(secondFactorStep({ role, enrolled, verified })).toBe(step);
  });
});
