import { Document, Page, Text, View } from "@react-pdf/renderer";
import type { ReactNode } from "react";
import { longDate, shortDate } from "../format";
import { tr, WORDS } from "../labels";
import type { DocumentMeta, OfficeInfo, PaperLanguage, Translated } from "../types";
import { Inline, joined, LanguagesContext, Stacked } from "./Lang";
import { QrCode } from "./Qr";
import { s } from "./styles";

export type Copy = "subject" | "office";
export const COPIES: Copy[] = ["subject", "office"];
export const COPY_LABEL: Record<PaperLanguage, Record<Copy, string>> = { ky: WORDS.ky.copy, ru: WORDS.ru.copy };

export const AUTHORITY: Translated = tr((w) => w.authority);
/** Enough of the content hash to make a forged QR code hopeless (64 bits), short enough to read aloud. */
export const HASH_PREFIX_LENGTH = 16;

export function verificationUrl(meta: Pick<DocumentMeta, "id" | "contentHash" | "baseUrl">): string {
  const base = meta.baseUrl.replace(/\/+$/, "");
  return `${base}/verify/${encodeURIComponent(meta.id)}?h=${meta.contentHash.slice(0, HASH_PREFIX_LENGTH)}`;
}

interface CopyPageProps {
  copy: Copy;
  meta: DocumentMeta;
  office: OfficeInfo | null;
  title: Translated;
  subtitle?: Translated;
  children: ReactNode;
}

/**
 * One copy on its own A4 page: authority and office, the copy label, duplicate mark, title, number,
 * QR footer. Every fixed text in the paper's languages, Kyrgyz first and the next one smaller.
 */
export function CopyPage({ copy, meta, office, title, subtitle, children }: CopyPageProps) {
  const tz = meta.timeZone;
  const url = verificationUrl(meta);
  const languages = meta.languages;
  const hash = meta.contentHash.slice(0, HASH_PREFIX_LENGTH);
  return (
    <Page size="A4" style={s.page}>
      {/* The authority's name has the full width to itself: squeezed beside the copy box it wrapped mid-name. */}
      <View fixed>
        {languages.map((l) => (
          <Text key={l} style={s.authority}>
            {WORDS[l].authority.toUpperCase()}
          </Text>
        ))}
      </View>
      <View style={s.header} fixed>
        <View style={s.headerLeft}>
          {office ? <Text style={s.officeName}>{office.name}</Text> : <Stacked t={tr((w) => w.systemName)} style={s.officeName} second={s.second} />}
          {office ? <Text style={s.officeAddress}>{office.address}</Text> : null}
        </View>
        <View style={s.copyBox}>
          <Stacked t={tr((w) => w.copy[copy])} style={s.copyLabel} second={s.copyLabelSecond} />
          {meta.reprintedAt ? <Stacked t={tr((w) => w.duplicate)} style={s.duplicate} second={s.duplicate} /> : null}
          {meta.reprintedAt ? (
            <Stacked
              t={{ ky: `${shortDate(meta.reprintedAt, tz)} ${WORDS.ky.duplicateIssued}`, ru: `${WORDS.ru.duplicateIssued} ${shortDate(meta.reprintedAt, tz)}` }}
              style={s.duplicateDate}
              second={s.duplicateDate}
            />
          ) : null}
        </View>
      </View>
      <View style={s.rule} fixed />
      {languages.map((l, i) =>
        i === 0 ? (
          <View key={l}>
            <Text style={s.title}>{title[l]}</Text>
            {subtitle ? <Text style={s.subtitle}>{subtitle[l]}</Text> : null}
          </View>
        ) : (
          <Text key={l} style={[s.subtitleSecond, s.titleBlockSecond]}>
            <Text style={s.uppercase}>{title[l]}</Text>
            {subtitle ? ` ${subtitle[l]}` : ""}
          </Text>
        )
      )}
      <View style={s.numberLine}>
        <Text>
          № <Text style={s.bold}>{meta.number}</Text>
        </Text>
        <Inline t={{ ky: longDate(meta.issuedAt, tz, "ky"), ru: longDate(meta.issuedAt, tz, "ru") }} second={s.dateSecond} />
      </View>
      {children}
      <View style={s.footer} fixed>
        <QrCode url={url} size={66} />
        <View style={s.footerText}>
          <Text style={s.footerStrong}>{joined(tr((w) => w.verify.heading), languages)}</Text>
          {languages.map((l) => (
            <Text key={l}>{WORDS[l].verify.instruction}</Text>
          ))}
          <Text>{url}</Text>
          <Text style={{ marginTop: 3 }}>
            Документ № {meta.number}, {shortDate(meta.issuedAt, tz)}; {joined(tr((w) => w.verify.checksum), languages)} {hash}
          </Text>
        </View>
      </View>
    </Page>
  );
}

/** The PDF: both copies, subject's first, so one click prints the pair; the paper's languages for every part. */
export function TwoCopies({
  meta,
  office,
  title,
  render,
}: {
  meta: DocumentMeta;
  office: OfficeInfo | null;
  title: Translated;
  render: (copy: Copy) => ReactNode;
}) {
  const languages = meta.languages;
  return (
    <Document
      title={`${joined(title, languages)} № ${meta.number}`}
      author={office?.name ?? joined(AUTHORITY, languages)}
      subject={joined(title, languages)}
      creator={joined(AUTHORITY, languages)}
      producer={joined(tr((w) => w.systemName), languages)}
      language={languages[0]}
    >
      <LanguagesContext.Provider value={languages}>{COPIES.map((copy) => render(copy))}</LanguagesContext.Provider>
    </Document>
  );
}
