import { StyleSheet, Text, View } from "@react-pdf/renderer";
import { dateTime, shortDate } from "./format";
import { type PaperWords, tr } from "./labels";
import { CopyPage, TwoCopies } from "./layout/CopyPage";
import { Fields, Section, subjectRows } from "./layout/Fields";
import { Stacked } from "./layout/Lang";
import { SignatureBlock, staffSigner } from "./layout/SignatureBlock";
import { MUTED, RULE } from "./layout/styles";
import type { JournalExtractProps, Translated } from "./types";

type Style = (typeof st)[keyof typeof st];

const st = StyleSheet.create({
  head: {
    flexDirection: "row",
    borderBottomWidth: 1,
    borderBottomColor: "#000",
    paddingBottom: 2,
    fontSize: 8.5,
    fontWeight: 700,
  },
  row: {
    flexDirection: "row",
    borderBottomWidth: 0.5,
    borderBottomColor: RULE,
    paddingVertical: 2,
    fontSize: 8.5,
  },
  at: { width: "18%", paddingRight: 4 },
  event: { width: "44%", paddingRight: 4 },
  office: { width: "24%", paddingRight: 4 },
  role: { width: "14%" },
  empty: { fontSize: 9, color: MUTED, marginTop: 4 },
  second: { fontSize: 7.5, fontWeight: 400, color: MUTED },
  anchors: { marginTop: 6 },
  anchor: { fontSize: 8 },
});

/** A cell in the paper's languages, or an older extract's Russian words as stored. */
function Words({ t, style }: { t: Translated | string; style: Style }) {
  if (typeof t === "string") return <Text style={style}>{t}</Text>;
  return (
    <View style={style}>
      <Stacked t={t} second={st.second} />
    </View>
  );
}

/** The subject's own journal (UA seed): every recorded event about them, printable. */
export function JournalExtractDocument(p: JournalExtractProps) {
  const tz = p.document.timeZone;
  const head = (pick: (w: PaperWords) => string, style: Style) => <Words t={tr(pick)} style={style} />;
  return (
    <TwoCopies
      meta={p.document}
      office={p.office}
      title={tr((w) => `${w.journal.title} ${w.journal.subtitle}`)}
      render={(copy) => (
        <CopyPage key={copy} copy={copy} meta={p.document} office={p.office} title={tr((w) => w.journal.title)} subtitle={tr((w) => w.journal.subtitle)}>
          <Fields rows={[...subjectRows(p.subject), [tr((w) => w.journal.period), `${shortDate(p.period.from, tz)} – ${shortDate(p.period.to, tz)}`]]} />
          <Section t={tr((w) => w.journal.events)} />
          <View style={st.head} fixed>
            {head((w) => w.journal.at, st.at)}
            {head((w) => w.journal.event, st.event)}
            {head((w) => w.journal.office, st.office)}
            {head((w) => w.journal.role, st.role)}
          </View>
          {p.events.length === 0 ? <Stacked t={tr((w) => w.journal.none)} style={st.empty} second={st.second} /> : null}
          {p.events.map((e, i) => (
            <View key={i} style={st.row} wrap={false}>
              <Text style={st.at}>{dateTime(e.at, tz)}</Text>
              <Words t={e.event} style={st.event} />
              <Text style={st.office}>{e.officeName ?? "—"}</Text>
              <Words t={e.role} style={st.role} />
            </View>
          ))}
          {p.anchoring ? (
            <View style={st.anchors}>
              {p.anchoring.covered.map((a) => (
                <Stacked
                  key={a.chain}
                  t={tr((w) => `${w.journal.anchor}: ${w.journal.anchorChain} ${a.chain}, ${w.journal.anchorEntry} ${a.seq}, ${dateTime(a.tsaTime, tz)}, ${w.journal.anchorSerial} ${a.serial}`)}
                  style={st.anchor}
                  second={st.second}
                />
              ))}
              {p.anchoring.uncovered.length ? (
                <Stacked t={tr((w) => `${w.journal.anchor}: ${w.journal.notAnchored} (${w.journal.anchorChain} ${p.anchoring!.uncovered.join(", ")})`)} style={st.anchor} second={st.second} />
              ) : null}
            </View>
          ) : null}
          {p.preparedBy ? <SignatureBlock signers={[staffSigner(p.preparedBy, (w) => w.journal.preparedBy, "after")]} /> : null}
        </CopyPage>
      )}
    />
  );
}
