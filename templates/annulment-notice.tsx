import { Text } from "@react-pdf/renderer";
import { dateTime } from "./format";
import { evidenceText, SYSTEM_NAME } from "./labels";
import { CopyPage, TwoCopies } from "./layout/CopyPage";
import { Fields, Section, type FieldRow, subjectRows } from "./layout/Fields";
import { ReceiptLine, SignatureBlock, type Signer } from "./layout/SignatureBlock";
import { s } from "./layout/styles";
import type { AnnulmentNoticeProps } from "./types";

const SUBTITLE: Record<AnnulmentNoticeProps["basis"]["kind"], string> = {
  on_request: `об аннулировании доступа по заявлению субъекта ${SYSTEM_NAME}`,
  fictitious_activity: `об аннулировании доступа в связи с участием в лжепредпринимательской деятельности и фиктивных поставках ${SYSTEM_NAME}`,
  online_refusal: `о прекращении доступа в связи с отказом субъекта от электронного взаимодействия ${SYSTEM_NAME}`,
  already_annulled: `по заявлению субъекта об аннулировании доступа ${SYSTEM_NAME}: доступ уже аннулирован`,
};

/** How an earlier annulment happened, in the notice's words. */
const EARLIER: Record<NonNullable<Extract<AnnulmentNoticeProps["basis"], { kind: "already_annulled" }>["earlier"]>, string> = {
  on_request: "по заявлению субъекта",
  fictitious_activity: "в связи с участием в лжепредпринимательской деятельности и фиктивных поставках",
  online_refusal: "в связи с отказом субъекта от электронного взаимодействия",
};

/** R18–R21 and the UA seed's online refusal: which access ends, when, and on what basis. */
export function AnnulmentNoticeDocument(p: AnnulmentNoticeProps) {
  const tz = p.document.timeZone;
  const b = p.basis;
  const subtitle = SUBTITLE[b.kind];
  let text: string;
  let basisRows: FieldRow[];
  let signers: Signer[];
  if (b.kind === "on_request") {
    text = `На основании заявления субъекта об аннулировании доступа (пункты 18–20 Регламента, утверждённого приказом ГНС при ПКР от 13 декабря 2017 года № 238) логин и пароль субъекта аннулированы.`;
    basisRows = [
      ["Заявление", `входящий № ${b.application.incomingNumber} от ${dateTime(b.application.acceptedAt, tz)}`],
      ["Внесено в систему", dateTime(b.enteredAt, tz)],
    ];
    signers = [
      {
        role: b.inspector.position ? `Инспектор (${b.inspector.position})` : "Инспектор",
        name: b.inspector.fullName,
      },
      { role: "Руководитель налогового органа", name: p.office.headName },
    ];
  } else if (b.kind === "already_annulled") {
    // Decision 047: the application is answered on paper; nothing was annulled by it.
    text =
      `По заявлению субъекта об аннулировании доступа (пункты 18–20 Регламента, утверждённого приказом ГНС при ПКР от 13 декабря 2017 года № 238) ` +
      `установлено: доступ уже аннулирован ${dateTime(p.effectiveAt, tz)}${b.earlier ? ` ${EARLIER[b.earlier]}` : ""}. ` +
      `Повторное аннулирование не требуется; заявление закрыто без изменения доступа.`;
    basisRows = [
      ["Заявление", `входящий № ${b.application.incomingNumber} от ${dateTime(b.application.acceptedAt, tz)}`, true],
      ["Доступ аннулирован ранее", `${dateTime(p.effectiveAt, tz)}${b.earlier ? `, ${EARLIER[b.earlier]}` : ""}`],
      ["Заявление закрыто", dateTime(b.closedAt, tz)],
    ];
    signers = [
      {
        role: b.inspector.position ? `Инспектор (${b.inspector.position})` : "Инспектор",
        name: b.inspector.fullName,
      },
      { role: "Руководитель налогового органа", name: p.office.headName },
    ];
  } else if (b.kind === "fictitious_activity") {
    text = `В связи с выявлением документальных сведений об участии субъекта в лжепредпринимательской деятельности и фиктивных поставках (пункт 21 Регламента, утверждённого приказом ГНС при ПКР от 13 декабря 2017 года № 238) доступ субъекта аннулирован.`;
    basisRows = [
      ...b.evidence.map((e): FieldRow => ["Документальные сведения", evidenceText(e)]),
      ["Предложение об аннулировании", `${b.proposedBy.fullName}, ${dateTime(b.proposedAt, tz)}`],
      ["Утверждено", `${b.approvedBy.fullName}, ${dateTime(b.approvedAt, tz)}`, true],
    ];
    signers = [
      {
        role: b.proposedBy.position ? `Инспектор (${b.proposedBy.position})` : "Инспектор",
        name: b.proposedBy.fullName,
      },
      {
        role: b.approvedBy.position ? `Утвердил (${b.approvedBy.position})` : "Утвердил (руководитель отдела)",
        name: b.approvedBy.fullName,
      },
      { role: "Руководитель налогового органа", name: p.office.headName },
    ];
  } else {
    text = `Субъект отказался от электронного взаимодействия в ИС «Кабинет налогоплательщика», направив отказ в электронном виде. Доступ прекращается с начала дня, следующего за днём направления отказа.`;
    basisRows = [
      ["Отказ направлен", dateTime(b.requestedAt, tz)],
      ["Доступ прекращается с", dateTime(b.accessEndsAt, tz), true],
    ];
    signers = [];
  }
  return (
    <TwoCopies
      meta={p.document}
      office={p.office}
      title={`Уведомление ${subtitle}`}
      render={(copy) => (
        <CopyPage key={copy} copy={copy} meta={p.document} office={p.office} title="Уведомление" subtitle={subtitle}>
          <Text style={s.paragraph}>{text}</Text>
          <Fields
            rows={[
              ...subjectRows(p.subject),
              ["Аннулированный логин", p.login, true],
              ["Доступ прекращён", dateTime(p.effectiveAt, tz), true],
            ]}
          />
          <Section>Основание</Section>
          <Fields rows={basisRows} />
          {signers.length ? (
            <SignatureBlock stamp signers={signers} />
          ) : (
            <Text style={[s.paragraph, { marginTop: 12, fontSize: 9 }]}>
              Уведомление сформировано информационной системой по электронному отказу субъекта и действительно без подписи.
            </Text>
          )}
          {copy === "office" && signers.length ? <ReceiptLine label="Уведомление получил(а)" /> : null}
        </CopyPage>
      )}
    />
  );
}
