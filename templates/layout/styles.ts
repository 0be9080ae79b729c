import { StyleSheet } from "@react-pdf/renderer";
import { FONT_FAMILY } from "../fonts";

export const INK = "#111111";
export const MUTED = "#555555";
export const RULE = "#999999";
export const ALERT = "#a00000";

/**
 * Page frame: A4, 20 mm left (the binding side) and 14 mm right, as GOST R 7.0.97 allows for
 * official papers (at least 20 and 10 mm), 9 mm top; the bottom band (8 mm margin) is reserved
 * for the verification footer. Two languages need the width.
 */
export const MARGIN_LEFT = 57;
export const MARGIN_RIGHT = 40;
export const FOOTER_HEIGHT = 74;

export const s = StyleSheet.create({
  page: {
    fontFamily: FONT_FAMILY,
    fontSize: 10,
    lineHeight: 1.25,
    color: INK,
    paddingTop: 26,
    paddingBottom: 22 + FOOTER_HEIGHT + 6,
    paddingLeft: MARGIN_LEFT,
    paddingRight: MARGIN_RIGHT,
  },
  header: { flexDirection: "row", alignItems: "flex-start", marginBottom: 4 },
  headerLeft: { flexGrow: 1, flexBasis: 0, paddingRight: 12 },
  authority: { fontSize: 8, fontWeight: 700, color: MUTED, letterSpacing: 0.3, marginBottom: 2 },
  /** The next language under the first: the same text, smaller (Russian under Kyrgyz). */
  second: { fontSize: 8.5, fontWeight: 400, color: MUTED },
  officeName: { fontSize: 10, fontWeight: 700 },
  officeAddress: { fontSize: 8.5, color: MUTED },
  copyBox: {
    width: 150,
    borderWidth: 1,
    borderColor: INK,
    paddingVertical: 4,
    paddingHorizontal: 6,
    alignItems: "center",
  },
  copyLabel: { fontSize: 10, fontWeight: 700, textAlign: "center" },
  copyLabelSecond: { fontSize: 8.5 },
  duplicate: {
    fontSize: 12,
    fontWeight: 700,
    color: ALERT,
    marginTop: 3,
    textAlign: "center",
  },
  duplicateDate: { fontSize: 8, color: ALERT, textAlign: "center" },
  rule: { borderBottomWidth: 1, borderBottomColor: INK, marginBottom: 7 },
  title: {
    fontSize: 13,
    fontWeight: 700,
    textAlign: "center",
    textTransform: "uppercase",
    letterSpacing: 0.5,
  },
  subtitle: {
    fontSize: 10.5,
    fontWeight: 700,
    textAlign: "center",
    marginTop: 2,
  },
  titleBlockSecond: { marginTop: 2 },
  /** The next language's title and subtitle on one line: «РЕШЕНИЕ о предоставлении доступа …». */
  subtitleSecond: { fontSize: 9, fontWeight: 700, textAlign: "center", color: "#333333" },
  uppercase: { textTransform: "uppercase", letterSpacing: 0.4 },
  numberLine: {
    flexDirection: "row",
    justifyContent: "space-between",
    marginTop: 6,
    marginBottom: 8,
    fontSize: 10,
  },
  dateSecond: { fontSize: 8.5, color: MUTED },
  sectionBox: { marginTop: 6, marginBottom: 2 },
  section: {
    fontSize: 9.5,
    fontWeight: 700,
    textTransform: "uppercase",
    color: MUTED,
    letterSpacing: 0.3,
  },
  row: {
    flexDirection: "row",
    borderBottomWidth: 0.5,
    borderBottomColor: RULE,
    paddingVertical: 1.5,
  },
  label: { width: "36%", paddingRight: 8 },
  labelText: { color: MUTED, fontSize: 8.5 },
  labelSecond: { fontSize: 7.5, color: "#777777" },
  valueCell: { width: "64%" },
  value: { fontSize: 9.5 },
  valueStrong: { fontSize: 9.5, fontWeight: 700 },
  valueSecond: { fontSize: 8.5, fontWeight: 400, color: MUTED },
  paragraph: { fontSize: 9.5, marginBottom: 3 },
  paragraphSecond: { fontSize: 8.5, color: "#333333", marginBottom: 5 },
  bold: { fontWeight: 700 },
  footer: {
    position: "absolute",
    left: MARGIN_LEFT,
    right: MARGIN_RIGHT,
    bottom: 22,
    height: FOOTER_HEIGHT,
    flexDirection: "row",
    borderTopWidth: 0.5,
    borderTopColor: RULE,
    paddingTop: 8,
  },
  footerText: {
    flexGrow: 1,
    flexBasis: 0,
    paddingLeft: 10,
    fontSize: 8,
    color: MUTED,
  },
  footerStrong: { fontSize: 8, fontWeight: 700, color: INK },
});
