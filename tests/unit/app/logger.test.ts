import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { log as fromJs } from "../../../app/utils/log.js";
import { log as fromApp } from "../../../app/utils/log.server";

/** One logger, configured in one place, for server.js and the app. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(c|m)?(j|t)sx?$/.test(name) ? [full] : [];
  });
}

describe("the logger", () => {
  it("is made in one place: no other module of the app, the workflows, the scripts or server.js makes a pino logger", () => {
    const files = [...["app", "workflows", "db", "scripts", "templates"].flatMap(sources), "server.js"];
    const makers = files.filter((f) => /\bpino\s*\(/.test(readFileSync(f, "utf8")));
    expect(makers).toEqual([path.join("app", "utils", "log.js")]);
  });

  it("is the same instance for server.js and the app", () => {
    expect(fromApp).toBe(fromJs);
  });

  it("redacts passwords, hashes, cookies and bearer tokens wherever they appear", () => {
    const out = execFileSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `const { log } = await import(${JSON.stringify(path.resolve("app/utils/log.js"))});
         log.info({ password: "pw-1", newPassword: "pw-3", body: { newPassword: "pw-4", newPasswordConfirm: "pw-5" }, staff: { password: "pw-2", passwordHash: "$argon2id$x" }, req: { headers: { cookie: "__Host-session=s3cr3t", authorization: "Bearer k3y" } } }, "signed in");`,
      ],
      { env: { ...process.env, LOG_LEVEL: "info" } },
    ).toString();
    const line = JSON.parse(out.trim());
    expect(line.msg).toBe("signed in");
    for (const secret of ["pw-1", "pw-2", "pw-3", "pw-4", "pw-5", "$argon2id$x", "s3cr3t", "k3y"]) expect(out).not.toContain(secret);
    expect(line.req.headers).toEqual({ cookie: "[redacted]", authorization: "[redacted]" });
  });
});
