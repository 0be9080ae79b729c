import { createHash, randomBytes, X509Certificate } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";

/**
 * RFC 3161 for the journal's anchors (decision 062): the request over a chain head, the TSA's
 * reply checked, and a stored token verified against the TSA certificate of the configuration.
 * ASN.1 and CMS come from asn1js and pkijs; nothing here writes DER by hand.
 */

const SHA256_OID = "2.16.840.1.101.3.4.2.1";
const TIME_STAMPING_EKU = "1.3.6.1.5.5.7.3.8";

/** What a TSA is asked to stamp for a chain head: the chain, the head's seq and its hash, as text. */
export function anchoredStatement(chain: string, seq: number, headHash: string): Buffer {
  return Buffer.from(`journal-head/1 chain=${chain} seq=${seq} hash=${headHash}`, "utf8");
}

/** The message imprint: SHA-256 of the statement (what `openssl ts -verify -data` recomputes). */
export function imprintOf(statement: Buffer): Buffer {
  return createHash("sha256").update(statement).digest();
}

export interface TsaClientSettings {
  url: string;
  /** PEM: the TSA certificate, or the CA that issued it (several certificates may follow each other). */
  trustedPem: string;
  timeoutMs?: number;
}

export interface IssuedToken {
  /** DER of the token (the ContentInfo), as the TSA sent it. */
  token: Buffer;
  tsaTime: Date;
  serial: string;
}

export class TsaError extends Error {}

/** A positive nonce whose DER is its own bytes (first byte 0x01–0x7f). */
function makeNonce(): Buffer {
  const nonce = randomBytes(8);
  nonce[0] = (nonce[0] & 0x7f) | 0x01;
  return nonce;
}

export function timeStampRequest(imprint: Buffer, nonce: Buffer): Buffer {
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: SHA256_OID }),
      hashedMessage: new asn1js.OctetString({ valueHex: new Uint8Array(imprint) }),
    }),
    nonce: new asn1js.Integer({ valueHex: new Uint8Array(nonce) }),
    certReq: true,
  });
  return Buffer.from(req.toSchema().toBER(false));
}

interface ParsedToken {
  signedData: pkijs.SignedData;
  tstInfo: pkijs.TSTInfo;
}

function parseToken(der: Uint8Array): ParsedToken {
  const asn = asn1js.fromBER(new Uint8Array(der));
  if (asn.offset === -1) throw new TsaError("the token is not DER");
  const info = new pkijs.ContentInfo({ schema: asn.result });
  if (info.contentType !== pkijs.ContentInfo.SIGNED_DATA) throw new TsaError(`the token is not SignedData (${info.contentType})`);
  const signedData = new pkijs.SignedData({ schema: info.content });
  const content = signedData.encapContentInfo.eContent;
  if (signedData.encapContentInfo.eContentType !== "1.2.840.113549.1.9.16.1.4" || !content) throw new TsaError("the token holds no TSTInfo");
  return { signedData, tstInfo: pkijs.TSTInfo.fromBER(content.getValue()) };
}

const hex = (view: Uint8Array) => Buffer.from(view).toString("hex");

function tokenFacts(t: ParsedToken): { tsaTime: Date; serial: string; imprint: Buffer; algorithm: string; nonce: string | null } {
  return {
    tsaTime: t.tstInfo.genTime,
    serial: hex(t.tstInfo.serialNumber.valueBlock.valueHexView),
    imprint: Buffer.from(t.tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView),
    algorithm: t.tstInfo.messageImprint.hashAlgorithm.algorithmId,
    nonce: t.tstInfo.nonce ? hex(t.tstInfo.nonce.valueBlock.valueHexView) : null,
  };
}

/**
 * Asks the TSA to stamp `statement`; checks that the stamp was granted, covers this imprint with
 * SHA-256, carries our nonce and is signed by a certificate the configuration trusts.
 */
export async function requestTimeStamp(settings: TsaClientSettings, statement: Buffer): Promise<IssuedToken> {
  const imprint = imprintOf(statement);
  const nonce = makeNonce();
  let body: Buffer;
  try {
    const res = await fetch(settings.url, {
      method: "POST",
      headers: { "content-type": "application/timestamp-query", accept: "application/timestamp-reply" },
      body: new Uint8Array(timeStampRequest(imprint, nonce)),
      signal: AbortSignal.timeout(settings.timeoutMs ?? 10_000),
    });
    if (!res.ok) throw new TsaError(`the TSA answered HTTP ${res.status}`);
    body = Buffer.from(await res.arrayBuffer());
  } catch (error) {
    if (error instanceof TsaError) throw error;
    throw new TsaError(`the TSA cannot be reached: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}`);
  }
  const asn = asn1js.fromBER(new Uint8Array(body));
  if (asn.offset === -1) throw new TsaError("the TSA's reply is not DER");
  const resp = new pkijs.TimeStampResp({ schema: asn.result });
  const status = resp.status.status;
  if (status !== pkijs.PKIStatus.granted && status !== pkijs.PKIStatus.grantedWithMods) {
    throw new TsaError(`the TSA refused the request (status ${status})`);
  }
  // The token exactly as it was sent: the second element of the reply's SEQUENCE.
  const tokenAsn = (asn.result as asn1js.Sequence).valueBlock.value[1];
  if (!tokenAsn) throw new TsaError("the TSA's reply holds no token");
  const token = Buffer.from(tokenAsn.valueBeforeDecodeView);
  const facts = tokenFacts(parseToken(token));
  if (facts.algorithm !== SHA256_OID || !facts.imprint.equals(imprint)) throw new TsaError("the token does not cover the head that was sent");
  if (facts.nonce !== nonce.toString("hex")) throw new TsaError("the token's nonce is not the request's");
  const check = await verifyTimeStampToken(token, statement, settings.trustedPem);
  if (!check.ok) throw new TsaError(`the token does not verify: ${check.reason}`);
  return { token, tsaTime: facts.tsaTime, serial: facts.serial };
}

export function certificatesFromPem(pem: string): pkijs.Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((b) => pkijs.Certificate.fromBER(new X509Certificate(b).raw));
}

export type TokenCheck =
  | { ok: true; tsaTime: Date; serial: string }
  | { ok: false; reason: "unreadable" | "imprint_mismatch" | "signature" | "not_a_tsa"; detail: string };

const derOf = (c: pkijs.Certificate) => Buffer.from(c.toSchema().toBER(false));

/**
 * Verifies a stored token: the TSTInfo's imprint is SHA-256 of `statement`; the CMS signature is
 * right; the signer's certificate chains, at the stamp's time, to a certificate of `trustedPem`
 * (the configuration's, never one from the database) or is one of them; and it is a
 * time-stamping certificate.
 */
export async function verifyTimeStampToken(token: Uint8Array, statement: Buffer, trustedPem: string): Promise<TokenCheck> {
  let parsed: ParsedToken;
  try {
    parsed = parseToken(token);
  } catch (error) {
    return { ok: false, reason: "unreadable", detail: error instanceof Error ? error.message : String(error) };
  }
  const facts = tokenFacts(parsed);
  if (facts.algorithm !== SHA256_OID || !facts.imprint.equals(imprintOf(statement))) {
    return { ok: false, reason: "imprint_mismatch", detail: "the token stamps another hash" };
  }
  const trusted = certificatesFromPem(trustedPem);
  if (trusted.length === 0) return { ok: false, reason: "signature", detail: "no trusted TSA certificate configured" };
  const trustedDer = trusted.map(derOf);
  const data = new Uint8Array(statement).buffer;
  const attempt = async (params: pkijs.SignedDataVerifyParams) => {
    try {
      const r = await parsed.signedData.verify({ ...params, signer: 0, data, extendedMode: true });
      return { verified: r.signatureVerified === true, signer: r.signerCertificate ?? null, message: r.message };
    } catch (error) {
      const e = error as { signerCertificate?: pkijs.Certificate | null; message?: string };
      return { verified: false, signer: e.signerCertificate ?? null, message: e.message ?? String(error) };
    }
  };
  const chained = await attempt({ trustedCerts: trusted, checkChain: true });
  let { verified, signer } = chained;
  // A configuration that trusts the TSA's own certificate (not its CA): the signature alone, by that certificate.
  if (!verified && signer && trustedDer.some((d) => d.equals(derOf(signer!)))) {
    const direct = await attempt({ checkChain: false });
    verified = direct.verified;
    signer = direct.signer ?? signer;
  }
  if (!verified || !signer) return { ok: false, reason: "signature", detail: chained.message || "the signature or the certificate chain does not verify" };
  const eku = signer.extensions?.find((e) => e.extnID === "2.5.29.37");
  const purposes = (eku?.parsedValue as pkijs.ExtKeyUsage | undefined)?.keyPurposes ?? [];
  if (!purposes.includes(TIME_STAMPING_EKU)) return { ok: false, reason: "not_a_tsa", detail: "the signer's certificate is not for time-stamping" };
  return { ok: true, tsaTime: facts.tsaTime, serial: facts.serial };
}
