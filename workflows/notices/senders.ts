import nodemailer from "nodemailer";
import type { NoticeChannel } from "../application/contact";

/** A notice ready to go: where, what, and the key a provider may use to drop a repeat. */
export interface OutgoingNotice {
  to: string;
  subject: string;
  text: string;
  /** `notice-<id>`: the same for every attempt of one notice (Message-ID, Idempotency-Key). */
  idempotencyKey: string;
}

/** One channel's provider. `send` resolves once the provider has accepted the notice, else throws. */
export interface NoticeSender {
  send(notice: OutgoingNotice): Promise<void>;
  close?(): void;
}

export type NoticeSenders = Partial<Record<NoticeChannel, NoticeSender>>;

/**
 * E-mail over SMTP (nodemailer). `url` is nodemailer's connection URL (smtp://user:pass@host:port,
 * smtps:// for implicit TLS). The Message-ID is made from the idempotency key, so a notice sent
 * twice after a crash is recognisably the same message.
 */
export function smtpSender(opts: { url: string; from: string; timeoutMs?: number }): NoticeSender {
  const timeout = opts.timeoutMs ?? 20_000;
  // A pool: a burst of notices reuses its connections instead of a handshake per message.
  const transport = nodemailer.createTransport({ url: opts.url, pool: true, maxConnections: 2, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
  const domain = opts.from.split("@")[1]?.replace(/[>\s]/g, "") || "localhost";
  return {
    async send(n) {
      await transport.sendMail({
        from: opts.from,
        to: n.to,
        subject: n.subject,
        text: n.text,
        messageId: `<${n.idempotencyKey}@${domain}>`,
        headers: { "X-Idempotency-Key": n.idempotencyKey },
      });
    },
    close: () => transport.close(),
  };
}

/**
 * SMS through an HTTP gateway, as an installation's provider takes it: a POST to `url` with the
 * body made from `bodyTemplate`, where {to}, {text} and {id} are replaced by the JSON-escaped
 * values (so a template is JSON with them inside strings, e.g. {"phone":"{to}","message":"{text}"}),
 * and an Idempotency-Key header. Any 2xx is accepted; anything else is a failure to retry.
 */
export function smsGatewaySender(opts: { url: string; authorization?: string; bodyTemplate: string; timeoutMs?: number }): NoticeSender {
  const escape = (value: string) => JSON.stringify(value).slice(1, -1);
  return {
    async send(n) {
      const body = opts.bodyTemplate.replace(/\{(to|text|id)\}/g, (_, key: string) =>
        escape(key === "to" ? n.to : key === "text" ? n.text : n.idempotencyKey),
      );
      const response = await fetch(opts.url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "Idempotency-Key": n.idempotencyKey,
          ...(opts.authorization ? { Authorization: opts.authorization } : {}),
        },
        body,
        signal: AbortSignal.timeout(opts.timeoutMs ?? 20_000),
      });
      if (!response.ok) throw new Error(`SMS gateway answered ${response.status} ${(await response.text()).slice(0, 200)}`);
      await response.body?.cancel().catch(() => undefined);
    },
  };
}

/** The providers of the configured channels (noticeSettings in app/utils/env.server.ts). */
export function noticeSenders(settings: {
  smtp: { url: string; from: string } | null;
  sms: { url: string; authorization?: string; bodyTemplate: string } | null;
}): NoticeSenders {
  return {
    ...(settings.smtp ? { email: smtpSender(settings.smtp) } : {}),
    ...(settings.sms ? { sms: smsGatewaySender(settings.sms) } : {}),
  };
}
