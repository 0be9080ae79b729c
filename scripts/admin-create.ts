/**
 * `npm run admin:create`: the first administrator of an installation, on the database the app uses
 * (DATABASE_URL, else the embedded one under PGLITE_DIR). Journaled (`staff.created`, system actor).
 * Refused once an enabled administrator exists: from then on administrators make staff accounts.
 *
 *   npm run admin:create                                   # asks for everything
 *   npm run admin:create -- --username admin --full-name "Асанов Бакыт" --password-stdin < secret
 *   ADMIN_USERNAME=admin ADMIN_FULL_NAME="…" ADMIN_PASSWORD=… npm run admin:create
 *
 * The password never goes on the command line (it would show in `ps` and the shell history): it
 * comes from ADMIN_PASSWORD, from the first line of standard input (--password-stdin), or typed
 * twice at the prompt, unseen. It must pass the staff password rule the app applies. Messages in
 * Russian, or English when LANG is not Russian. The schema must be migrated (`npm run db:migrate`).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { env } from "../app/utils/env.server";
import { openDatabase, schemaState } from "../db/client";
import { createFirstAdministrator, firstAdministratorSchema } from "../workflows/auth/staff";
import { WorkflowError } from "../workflows/errors";

const lng = /^ru/i.test(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || "") ? "ru" : "en";
const catalogs = ["admin", "common"].map((ns) => JSON.parse(readFileSync(path.join("app/locales", lng, `${ns}.json`), "utf8")) as Record<string, unknown>);

/** The message of an i18n key (staff.* in admin, password.* in common), else the key itself. */
function message(key: string): string {
  for (const catalog of catalogs) {
    const found = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalog);
    if (typeof found === "string") return found;
  }
  return key;
}

const text = {
  ru: { username: "Имя пользователя: ", fullName: "ФИО: ", password: "Пароль: ", again: "Пароль ещё раз: ", mismatch: "Пароли не совпадают.", created: "Администратор создан", schema: "Схема базы данных не та, что у этой версии: сначала npm run db:migrate.", noPassword: "Нет пароля: ADMIN_PASSWORD, --password-stdin или ввод с терминала." },
  en: { username: "Username: ", fullName: "Full name: ", password: "Password: ", again: "Password again: ", mismatch: "The passwords do not match.", created: "Administrator created", schema: "The database schema is not this version's: run npm run db:migrate first.", noPassword: "No password: ADMIN_PASSWORD, --password-stdin or typed at a terminal." },
}[lng];

const { values: flags } = parseArgs({
  options: { username: { type: "string" }, "full-name": { type: "string" }, "password-stdin": { type: "boolean" } },
  strict: true,
});

/** One line from the terminal; `hidden` echoes nothing (a password). */
function ask(prompt: string, hidden = false): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    if (hidden) {
      const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput.bind(rl);
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => write(s.startsWith(prompt) ? prompt : "");
    }
    rl.question(prompt, (answer) => {
      rl.close();
      if (hidden) process.stdout.write("\n");
      resolve(answer);
    });
  });
}

async function firstLineOfStdin(): Promise<string> {
  let data = "";
  for await (const chunk of process.stdin) data += chunk;
  return data.split(/\r?\n/)[0];
}

function fail(line: string): never {
  console.error(line);
  process.exit(1);
}

const interactive = process.stdin.isTTY === true;
const username = flags.username ?? process.env.ADMIN_USERNAME ?? (interactive ? await ask(text.username) : "");
const fullName = flags["full-name"] ?? process.env.ADMIN_FULL_NAME ?? (interactive ? await ask(text.fullName) : "");
let password = process.env.ADMIN_PASSWORD;
if (password === undefined || password === "") {
  if (flags["password-stdin"]) password = await firstLineOfStdin();
  else if (interactive) {
    password = await ask(text.password, true);
    if ((await ask(text.again, true)) !== password) fail(text.mismatch);
  } else fail(text.noPassword);
}

// Bad input is told before the database is opened (the workflow checks it again).
const checked = firstAdministratorSchema.safeParse({ username, fullName, password });
if (!checked.success) {
  const issue = checked.error.issues[0];
  fail(`${String(issue.path[0] ?? "")}: ${message(issue.message)}`);
}

const { DATABASE_URL: url, PGLITE_DIR, MIGRATIONS_DIR } = env();
const handle = await openDatabase(url ? { url, max: 1 } : { dataDir: PGLITE_DIR });
try {
  if ((await schemaState(handle, { migrationsDir: MIGRATIONS_DIR })).status !== "current") {
    console.error(text.schema);
    process.exitCode = 1;
  } else {
    const { id } = await createFirstAdministrator(handle.db, { username, fullName, password });
    console.log(`${text.created}: ${username.trim().toLowerCase()} (${id}).`);
  }
} catch (error) {
  if (error instanceof WorkflowError) {
    const field = typeof error.details.field === "string" && error.details.field ? `${error.details.field}: ` : "";
    console.error(field + message(error.messageKey));
    process.exitCode = 1;
  } else throw error;
} finally {
  await handle.close();
}
