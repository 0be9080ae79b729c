import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/** A message as the receiving server got it. */
export interface Received {
  to: string;
  subject: string;
  text: string;
  /** The sender's idempotency key: X-Idempotency-Key of a mail, Idempotency-Key of an SMS request. */
  key: string;
}

/**
 * A real SMTP server (smtp-server) on a free local port, keeping what it accepts. `refuse(n)` says
 * whether the n-th delivery attempt (from 1) is refused with a 451, as a server that is down for a
 * while or for good answers.
 */
export async function startSmtpReceiver(opts: { refuse?: (attempt: number) => boolean } = {}) {
  const received: Received[] = [];
  let attempts = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      attempts++;
      const refused = opts.refuse?.(attempts) ?? false;
      simpleParser(stream)
        .then((mail) => {
          if (refused) return callback(Object.assign(new Error("mailbox unavailable, try later"), { responseCode: 451 }));
          received.push({
            to: (Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((a) => a?.value ?? []).map((v) => v.address ?? "").join(","),
            subject: mail.subject ?? "",
            text: (mail.text ?? "").trim(),
            key: String(mail.headers.get("x-idempotency-key") ?? ""),
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    attempts: () => attempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A local HTTP SMS gateway taking the default body ({"to","text","id"}); `refuse` as above (503). */
export async function startSmsGateway(opts: { refuse?: (attempt: number) => boolean; authorization?: string } = {}) {
  const received: Received[] = [];
  let attempts = 0;
  const body = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  };
  const server = createServer((req, res) => {
    void body(req).then((raw) => {
      attempts++;
      if (opts.authorization && req.headers.authorization !== opts.authorization) return res.writeHead(401).end("unauthorized");
      if (opts.refuse?.(attempts)) return res.writeHead(503).end("gateway busy");
      const sms = JSON.parse(raw) as { to: string; text: string; id: string };
      received.push({ to: sms.to, subject: "", text: sms.text, key: String(req.headers["idempotency-key"] ?? "") });
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ accepted: sms.id }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/send`,
    received,
    attempts: () => attempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
