import { z } from "zod";
import {
  applicationStatusSchema,
  credentialCheckSchema,
  credentialsSchema,
  ownJournalSchema,
  passwordChangedSchema,
  passwordChangeSchema,
  problemSchema,
  refusalSchema,
  selfLockSchema,
  statusRequestSchema,
} from "./schemas";

const PROBLEM_STATUSES = {
  "400": "The body is not valid JSON or does not match the schema (`invalid-request`).",
  "401": "No valid API key (`missing-api-key`), or wrong login/password where the endpoint needs them (`invalid-credentials`).",
  "405": "Only POST is allowed (`method-not-allowed`).",
  "411": "The body was sent without a Content-Length (`length-required`).",
  "413": "The body is larger than 64 KiB (`payload-too-large`); refused before it is read.",
  "415": "The body must be application/json (`unsupported-media-type`).",
  "429": "Rate limit per API key, per login, or for status lookups that miss per INN and per address (`rate-limited`); see Retry-After.",
  "500": "Unexpected failure (`internal-error`); quote the instance (request id).",
  "503": "The database cannot be reached (`unavailable`), or, where a password is checked, too many checks are waiting (`overloaded`); nothing was changed. Retry after Retry-After seconds.",
} as const;

/** Endpoints that check a password refuse work while too many checks are waiting (decision 042). */
const PASSWORD_CHECK_PROBLEMS = {
  "503": "Too many password checks are waiting on this server (`overloaded`), or the database cannot be reached (`unavailable`); nothing was counted or changed. Retry after Retry-After seconds.",
};

/**
 * Every schema with a `meta({ id })` is in zod's global registry; generating from the registry gives
 * one entry per id with references already pointing at #/components/schemas/<id>.
 */
function componentSchemas() {
  // Touch the imports so the registry holds them even if a bundler drops unused bindings.
  void [
    applicationStatusSchema,
    credentialCheckSchema,
    credentialsSchema,
    ownJournalSchema,
    passwordChangedSchema,
    passwordChangeSchema,
    problemSchema,
    refusalSchema,
    selfLockSchema,
    statusRequestSchema,
  ];
  const { schemas } = z.toJSONSchema(z.globalRegistry, {
    target: "draft-2020-12",
    unrepresentable: "any",
    uri: (id) => `#/components/schemas/${id}`,
  });
  for (const schema of Object.values(schemas)) {
    delete (schema as { $schema?: string }).$schema;
    delete (schema as { $id?: string }).$id;
  }
  return schemas;
}

const problemRef = { $ref: "#/components/schemas/Problem" };

/** Statuses that tell the caller when to come back. */
const RETRY_AFTER = { "Retry-After": { description: "Seconds to wait before calling again.", schema: { type: "integer", minimum: 1 } } };

function problems(extra: Record<string, string> = {}) {
  const all: Record<string, string> = { ...PROBLEM_STATUSES, ...extra };
  return Object.fromEntries(
    Object.entries(all).map(([status, description]) => [
      status,
      { description, ...(status === "429" || status === "503" ? { headers: RETRY_AFTER } : {}), content: { "application/problem+json": { schema: problemRef } } },
    ]),
  );
}

function post(summary: string, description: string, request: string, okStatus: string, ok: string, extraProblems: Record<string, string> = {}) {
  return {
    post: {
      summary,
      description,
      security: [{ bearerKey: [] }, { headerKey: [] }],
      requestBody: { required: true, content: { "application/json": { schema: { $ref: `#/components/schemas/${request}` } } } },
      responses: {
        [okStatus]: { description: "Success", content: { "application/json": { schema: { $ref: `#/components/schemas/${ok}` } } } },
        ...problems(extraProblems),
      },
    },
  };
}

/** The OpenAPI 3.1 document, generated from the very schemas that validate the requests. */
export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Taxpayer Cabinet access — Cabinet API",
      version: "1.0.0",
      description:
        "Called by the Taxpayer Cabinet. Every failure is a problem document (RFC 9457, application/problem+json) whose `type` is a relative URI `/api/v1/problems/<name>`; `instance` is the request id. Its `title` (and a fixed `detail`) is in the language Accept-Language asks for among ky, ru and en, English when it names none; Content-Language says which.",
    },
    servers: [{ url: serverUrl }],
    paths: {
      "/api/v1/credentials/verify": post(
        "Check a login and password",
        "Answers whether the credentials are valid and whether the access is active now. Wrong credentials are a 200 answer with valid=false, not an error. Failures per login are rate-limited.",
        "Credentials",
        "200",
        "CredentialCheck",
        PASSWORD_CHECK_PROBLEMS,
      ),
      "/api/v1/refusals": post(
        "Refuse electronic interaction",
        "The subject, authenticated by login and password, refuses electronic interaction. Access ends at the start of the next calendar day in the office's time zone.",
        "Credentials",
        "201",
        "Refusal",
        { ...PASSWORD_CHECK_PROBLEMS, "409": "The account is annulled, or a refusal is already pending (`conflict`)." },
      ),
      "/api/v1/accounts/lock": post(
        "Lock the account at once (the holder suspects compromise)",
        "The holder, authenticated by login and password, locks the account. From this answer on the credential check answers valid=true, active=false; the holder's own password change is refused. Only a granted application at the office of registration (a restoration, R17, which replaces the password) lifts the lock. A wrong login or password is the same 401 whatever the reason and counts against the login's guess limit (10 failures in 15 minutes per source, 100 per login from all sources); a success gives its hit back. Every call also counts under the API key's limit.",
        "Credentials",
        "200",
        "SelfLock",
        {
          ...PASSWORD_CHECK_PROBLEMS,
          "409": "The account is already locked, or not active (an annulment proposal is pending) (`conflict`); `detail` says which in the caller's language. Nothing changed.",
        },
      ),
      "/api/v1/accounts/password": post(
        "Change the password (the holder, with the current one)",
        "The holder replaces the password, giving the current one. The new password follows the application's rule (clause 16: at least 8 characters, upper- and lower-case letters, a digit, a special character, never the INN) and is given twice. Allowed only while the account is active: a locked account is restored at the office. Neither password is journaled or logged. Wrong credentials and the limits are as for the self-lock.",
        "PasswordChange",
        "200",
        "PasswordChanged",
        {
          ...PASSWORD_CHECK_PROBLEMS,
          "400": "The body does not match the schema, or the new password breaks clause 16 or its confirmation differs (`invalid-request`): `errors` names the field (`newPassword`, `newPasswordConfirm`) with the rule's message in the caller's language. Nothing changed.",
          "409": "The account is locked by its holder (restored only at the office), or not active (`conflict`); `detail` says which. Nothing changed.",
        },
      ),
      "/api/v1/journal": post(
        "The subject's own journal",
        "Events of the subject's account and applications, authenticated by login and password. Staff appear by office and role, never by name.",
        "Credentials",
        "200",
        "OwnJournal",
        PASSWORD_CHECK_PROBLEMS,
      ),
      "/api/v1/applications/status": post(
        "Status of an application",
        "By INN and generated application code; lists the application's own events. Lookups that find nothing are limited per INN and per calling address; a lookup that finds its application does not count.",
        "StatusRequest",
        "200",
        "ApplicationStatus",
        { "404": "No application with this INN and code (`not-found`)." },
      ),
    },
    components: {
      securitySchemes: {
        bearerKey: { type: "http", scheme: "bearer", description: "Authorization: Bearer <API key>" },
        headerKey: { type: "apiKey", in: "header", name: "X-Api-Key" },
      },
      schemas: componentSchemas(),
    },
  };
}
