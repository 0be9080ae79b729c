import { canonicalJson, sha256Hex } from "../journal/hash";

export interface HashedDocument {
  id: string;
  kind: string;
  number: string;
  issuedAt: Date;
  payload: unknown;
}

/** What the QR code vouches for: the document's identity and exactly what was printed. */
export function documentHash(d: HashedDocument): string {
  return sha256Hex(
    canonicalJson({
      id: d.id,
      kind: d.kind,
      number: d.number,
      issuedAt: d.issuedAt.toISOString(),
      payload: d.payload,
    })
  );
}

/** jsonb keeps what JSON keeps: hash the payload as it will come back from the database. */
export function asStoredJson<T>(payload: T): T {
  return JSON.parse(JSON.stringify(payload ?? null)) as T;
}
