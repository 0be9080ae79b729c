import { z } from "zod";

/**
 * The Cabinet API's request and response shapes. The same schemas validate requests at run time
 * and generate the OpenAPI document (app/api/openapi.ts), so the two cannot drift apart.
 */
const loginField = z.string().min(1).max(100).describe("The login printed on the decision to grant access.");
const clientAddressField = z
  .union([z.ipv4(), z.ipv6()])
  .optional()
  .describe(
    "The IP address of the person signing in to the Cabinet. Failed checks are counted per login and per this address, so someone failing at another person's login from elsewhere does not lock that person out; without it the Cabinet as a whole is one source.",
  );

export const credentialsSchema = z
  .object({
    login: loginField,
    password: z.string().min(1).max(200).describe("The password the subject chose in the application."),
    clientAddress: clientAddressField,
  })
  .strict()
  .meta({ id: "Credentials" });

export const credentialCheckSchema = z
  .object({
    valid: z.boolean().describe("The login exists, is not annulled and the password matches."),
    active: z.boolean().describe("Valid, and access is on now (not suspended, not locked by its holder, not past an online refusal)."),
  })
  .meta({ id: "CredentialCheck" });

export const refusalSchema = z
  .object({
    login: z.string(),
    accessEndsAt: z.string().describe("ISO-8601 instant: the start of the next calendar day in the office's time zone."),
    noticeVerificationUrl: z.string().describe("Public page that verifies the printed refusal notice."),
  })
  .meta({ id: "Refusal" });

export const selfLockSchema = z
  .object({
    login: z.string(),
    status: z.literal("locked").describe("The account is locked from this answer on: the credential check answers valid=true, active=false."),
    lockedAt: z.string().describe("ISO-8601 instant of the lock."),
  })
  .meta({ id: "SelfLock" });

/** A new password follows the application's rule (R16): checked by the server with the account's INN, not by this schema. */
export const passwordChangeSchema = z
  .object({
    login: loginField,
    password: z.string().min(1).max(200).describe("The current password."),
    newPassword: z
      .string()
      .max(200)
      .describe("The new password: at least 8 characters with upper- and lower-case letters, a digit and a special character, never containing the INN (clause 16, as on the application)."),
    newPasswordConfirm: z.string().max(200).describe("The new password once more."),
    clientAddress: clientAddressField,
  })
  .strict()
  .meta({ id: "PasswordChange" });

export const passwordChangedSchema = z
  .object({
    login: z.string(),
    passwordChangedAt: z.string().describe("ISO-8601 instant; the old password is refused from this answer on."),
  })
  .meta({ id: "PasswordChanged" });

export const journalEventSchema = z
  .object({
    at: z.string().describe("ISO-8601 instant recorded by the database."),
    action: z.string().describe("Machine-readable event, e.g. application.presented."),
    officeCode: z.string().nullable(),
    officeName: z.string().nullable(),
    actorRole: z.string().describe("inspector, supervisor, admin, system, public, api — never a name."),
  })
  .meta({ id: "JournalEvent" });

export const ownJournalSchema = z
  .object({ login: z.string(), inn: z.string(), events: z.array(journalEventSchema) })
  .meta({ id: "OwnJournal" });

export const statusRequestSchema = z
  .object({
    inn: z.string().min(1).max(30).describe("14-digit INN; spaces and dashes are ignored."),
    code: z.string().min(1).max(30).describe("Generated application code; case, spaces and dashes are ignored."),
  })
  .strict()
  .meta({ id: "StatusRequest" });

/** Whether the decision still has effect (decision 061): the same answer /verify and /status give. */
export const standingSchema = z
  .object({
    inForce: z.boolean().describe("False once a later act ended the decision's effect (a grant annulled since, a decision revoked)."),
    endsAt: z.string().nullable().describe("In force, with its end already fixed (an online refusal takes effect the next office day)."),
    since: z.string().nullable().describe("No longer in force: the instant the later act took effect."),
    endedBy: z
      .object({
        kind: z.enum(["annulment", "grant", "revocation"]).describe("revocation: the decision itself was revoked as mistaken (decision 063)."),
        basis: z.enum(["on_request", "fictitious_activity", "online_refusal"]).nullable(),
        number: z.string().nullable().describe("The number of the act that ended it."),
      })
      .nullable(),
  })
  .meta({ id: "Standing" });

export const applicationStatusSchema = z
  .object({
    stage: z.enum(["saved", "presented", "returned", "accepted", "decided", "closed"]).describe("Where the application is, in the public page's words."),
    status: z.string().describe("The lifecycle state: draft, presented, returned, accepted, granted, refused, entered, expired."),
    requestKind: z.enum(["grant", "restore", "annul"]),
    savedAt: z.string(),
    expiresAt: z.string(),
    returnReasons: z.array(z.string()),
    decision: z
      .object({
        outcome: z.enum(["granted", "refused"]),
        decidedAt: z.string(),
        number: z.string(),
        standing: standingSchema,
      })
      .nullable(),
    events: z.array(journalEventSchema),
  })
  .meta({ id: "ApplicationStatus" });

export const problemSchema = z
  .object({
    type: z.string().describe("URI reference naming the problem type."),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional().describe("The request id (also in the X-Request-Id header)."),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    retryAfterSeconds: z.number().int().optional(),
  })
  .meta({ id: "Problem" });
