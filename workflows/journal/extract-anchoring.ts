import { and, asc, eq, gte, lte, max } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { journalAnchors, journalEntries } from "../../db/schema";
import type { JournalExtractProps } from "../../templates/types";

/**
 * Whether the entries a journal extract printed are protected by an RFC 3161 time stamp now
 * (decision 062), for /verify: `anchored` with the latest stamp needed to cover them all, or not
 * yet. A chain the extract printed as uncovered is covered by the first stamp at or past the
 * subject's last entry in it as of the extract's issue (by sequence, not by the TSA's clock, which
 * reads whole seconds). Null for an extract issued before anchoring existed (it says nothing
 * about stamps).
 */
export type ExtractAnchoring = { anchored: true; tsaTime: string; serial: string } | { anchored: false };

export async function extractAnchoring(db: DbOrTx, extract: { payload: unknown; subjectInn: string; issuedAt: Date }): Promise<ExtractAnchoring | null> {
  const { payload, subjectInn, issuedAt } = extract;
  const printed = (payload as Pick<JournalExtractProps, "anchoring"> | null)?.anchoring;
  if (!printed) return null;
  const stamps = printed.covered.map((c) => ({ tsaTime: c.tsaTime, serial: c.serial }));
  for (const chain of printed.uncovered) {
    const [last] = await db
      .select({ seq: max(journalEntries.seq) })
      .from(journalEntries)
      .where(and(eq(journalEntries.chain, chain), eq(journalEntries.subjectInn, subjectInn), lte(journalEntries.at, issuedAt)));
    if (last?.seq == null) continue;
    const [later] = await db
      .select({ tsaTime: journalAnchors.tsaTime, serial: journalAnchors.tokenSerial })
      .from(journalAnchors)
      .where(and(eq(journalAnchors.chain, chain), gte(journalAnchors.headSeq, Number(last.seq))))
      .orderBy(asc(journalAnchors.headSeq))
      .limit(1);
    if (!later) return { anchored: false };
    stamps.push({ tsaTime: new Date(later.tsaTime).toISOString(), serial: later.serial });
  }
  if (stamps.length === 0) return { anchored: false };
  const latest = stamps.reduce((a, b) => (a.tsaTime >= b.tsaTime ? a : b));
  return { anchored: true, tsaTime: latest.tsaTime, serial: latest.serial };
}
