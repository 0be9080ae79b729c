import { Document, Page, Text, View } from "@react-pdf/renderer";
import type { ReactNode } from "react";
import { longDate, shortDate } from "../format";
import type { DocumentMeta, OfficeInfo } from "../types";
import { QrCode } from "./Qr";
import { s } from "./styles";

export type Copy = "subject" | "office";
export const COPIES: Copy[] = ["subject", "office"];
export const COPY_LABEL: Record<Copy, string> = {
  subject: "Экземпляр субъекта",
  office: "Экземпляр налогового органа",
};

export const AUTHORITY = "Государственная налоговая служба при Правительстве Кыргызской Республики";
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
  title: string;
  subtitle?: string;
  children: ReactNode;
}

/** One copy on its own A4 page: authority and office, the copy label, duplicate mark, title, number, QR footer. */
export function CopyPage({ copy, meta, office, title, subtitle, children }: CopyPageProps) {
  const tz = meta.timeZone;
  const url = verificationUrl(meta);
  return (
    <Page size="A4" style={s.page}>
      {/* The authority's name has the full width to itself: squeezed beside the copy box it wrapped mid-name. */}
      <Text style={s.authority} fixed>
        {AUTHORITY.toUpperCase()}
      </Text>
      <View style={s.header} fixed>
        <View style={s.headerLeft}>
          {office ? <Text style={s.officeName}>{office.name}</Text> : <Text style={s.officeName}>ИС «Кабинет налогоплательщика»</Text>}
          {office ? <Text style={s.officeAddress}>{office.address}</Text> : null}
        </View>
        <View style={s.copyBox}>
          <Text style={s.copyLabel}>{COPY_LABEL[copy]}</Text>
          {meta.reprintedAt ? <Text style={s.duplicate}>ДУБЛИКАТ</Text> : null}
          {meta.reprintedAt ? <Text style={s.duplicateDate}>выдан {shortDate(meta.reprintedAt, tz)}</Text> : null}
        </View>
      </View>
      <View style={s.rule} fixed />
      <Text style={s.title}>{title}</Text>
      {subtitle ? <Text style={s.subtitle}>{subtitle}</Text> : null}
      <View style={s.numberLine}>
        <Text>
          № <Text style={s.bold}>{meta.number}</Text>
        </Text>
        <Text>{longDate(meta.issuedAt, tz)}</Text>
      </View>
      {children}
      <View style={s.footer} fixed>
        <QrCode url={url} size={72} />
        <View style={s.footerText}>
          <Text style={s.footerStrong}>Проверка подлинности документа</Text>
          <Text>Наведите камеру на QR-код или откройте адрес:</Text>
          <Text>{url}</Text>
          <Text style={{ marginTop: 3 }}>
            Документ № {meta.number} от {shortDate(meta.issuedAt, tz)}; контрольная сумма {meta.contentHash.slice(0, HASH_PREFIX_LENGTH)}
          </Text>
        </View>
      </View>
    </Page>
  );
}

/** The PDF: both copies, subject's first, so one click prints the pair. */
export function TwoCopies({
  meta,
  office,
  title,
  render,
}: {
  meta: DocumentMeta;
  office: OfficeInfo | null;
  title: string;
  render: (copy: Copy) => ReactNode;
}) {
  return (
    <Document
      title={`${title} № ${meta.number}`}
      author={office?.name ?? AUTHORITY}
      subject={title}
      creator={AUTHORITY}
      producer="ИС «Кабинет налогоплательщика»"
      language="ru"
    >
      {COPIES.map((copy) => render(copy))}
    </Document>
  );
}
