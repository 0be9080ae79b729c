import { execFile } from "node:child_process";
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * A real RFC 3161 Time-Stamp Authority on this machine: OpenSSL's `ts -reply` behind a small HTTP
 * endpoint on 127.0.0.1 (decision 062). The tests start throwaway ones; the embedded default
 * (`npm start` without DATABASE_URL or TSA_URL) starts one whose CA and keys it keeps beside its
 * database, so the tokens of earlier runs still verify. It is not a qualified TSA: a real
 * installation sets TSA_URL and TSA_CERT_FILE (docs/operations.md). At setup a CA and a TSA
 * certificate it issued (extended key usage critical timeStamping) are made with `openssl`;
 * `stop()` and `start()` take the endpoint down and bring it back on the same port (the TSA being
 * down), `close()` stops it and removes a throwaway folder.
 */
export interface LocalTsa {
  /** Where TimeStampReq bodies are POSTed (application/timestamp-query). */
  url: string;
  /** The throwaway CA's certificate (PEM file): what a verifier configured for this TSA trusts. */
  caCertFile: string;
  /** The TSA's own certificate (PEM file). */
  tsaCertFile: string;
  caCertPem: string;
  /** Requests answered so far. */
  readonly answered: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

async function openssl(args: string[], cwd: string): Promise<void> {
  await run("openssl", args, { cwd });
}

/** Makes the CA, the TSA key and certificate and the `ts` configuration in a new temporary folder. */
async function makeAuthority(dir: string, name: string, days: number): Promise<void> {
  await openssl(
    ["req", "-x509", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", String(days), "-subj", `/CN=${name} Root CA`,
     "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
    dir,
  );
  await openssl(["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "tsa.key", "-out", "tsa.csr", "-subj", `/CN=${name} TSA`], dir);
  await writeFile(
    join(dir, "tsa-ext.cnf"),
    ["basicConstraints=critical,CA:FALSE", "keyUsage=critical,digitalSignature,nonRepudiation", "extendedKeyUsage=critical,timeStamping", "subjectKeyIdentifier=hash", "authorityKeyIdentifier=keyid"].join("\n") + "\n",
  );
  await openssl(["x509", "-req", "-in", "tsa.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "tsa.crt", "-days", String(days), "-extfile", "tsa-ext.cnf"], dir);
  await writeFile(join(dir, "tsaserial"), "01\n");
  await writeFile(
    join(dir, "tsa.cnf"),
    [
      "[ tsa ]",
      "default_tsa = tsa_config1",
      "[ tsa_config1 ]",
      `serial = ${join(dir, "tsaserial")}`,
      "crypto_device = builtin",
      "signer_digest = sha256",
      "default_policy = 1.2.3.4.1",
      "digests = sha256",
      "ess_cert_id_alg = sha256",
      "accuracy = secs:1",
      "ordering = no",
      "tsa_name = no",
      "ess_cert_id_chain = no",
    ].join("\n") + "\n",
  );
}

/**
 * Starts a TSA. `name` tells two of them apart in their certificates (a second, untrusted one);
 * `dir` keeps the authority (made there once, reused after), else a throwaway folder is made.
 */
export async function startLocalTsa(opts: { name?: string; dir?: string; days?: number; port?: number } = {}): Promise<LocalTsa> {
  const throwaway = !opts.dir;
  // Absolute: `openssl ts` runs in the folder and reads the serial file by the path written in its configuration.
  const dir = opts.dir ? resolve(opts.dir) : await mkdtemp(join(tmpdir(), "tsa-"));
  await mkdir(dir, { recursive: true });
  const made = await access(join(dir, "tsa.cnf")).then(() => true, () => false);
  if (!made) await makeAuthority(dir, opts.name ?? "Local", opts.days ?? 3);
  let answered = 0;
  let request = 0;
  // `openssl ts` keeps its serial number in a file: one reply at a time.
  let queue: Promise<unknown> = Promise.resolve();
  const reply = async (query: Buffer): Promise<Buffer> => {
    const n = ++request;
    const q = join(dir, `q${n}.tsq`);
    const r = join(dir, `r${n}.tsr`);
    await writeFile(q, query);
    try {
      await openssl(["ts", "-reply", "-config", "tsa.cnf", "-queryfile", q, "-inkey", "tsa.key", "-signer", "tsa.crt", "-chain", "ca.crt", "-out", r], dir);
      return await readFile(r);
    } finally {
      await rm(q, { force: true });
      await rm(r, { force: true });
    }
  };
  const server: Server = createServer((req, res) => {
    if (req.method !== "POST" || req.headers["content-type"] !== "application/timestamp-query") {
      res.writeHead(400).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const answer = queue.then(() => reply(Buffer.concat(chunks)));
      queue = answer.catch(() => undefined);
      answer.then(
        (body) => {
          answered++;
          res.writeHead(200, { "content-type": "application/timestamp-reply", "content-length": body.length }).end(body);
        },
        (error: unknown) => res.writeHead(500, { "content-type": "text/plain" }).end(String(error)),
      );
    });
  });
  let port = opts.port ?? 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      server.closeAllConnections();
    });
  await listen();
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    caCertFile: join(dir, "ca.crt"),
    tsaCertFile: join(dir, "tsa.crt"),
    caCertPem: await readFile(join(dir, "ca.crt"), "utf8"),
    get answered() {
      return answered;
    },
    stop,
    start: listen,
    async close() {
      await stop();
      if (throwaway) await rm(dir, { recursive: true, force: true });
    },
  };
}
