import { StyleSheet } from "@react-pdf/renderer";
import { FONT_FAMILY } from "../fonts";

export const INK = "#111111";
export const MUTED = "#555555";
export const RULE = "#999999";
export const ALERT = "#a00000";

/** Page frame: A4, 20 mm sides; the bottom band is reserved for the verification footer. */
export const FOOTER_HEIGHT = 82;

export const s = StyleSheet.create({
  page: {
    fontFamily: FONT_FAMILY,
    fontSize: 10,
    lineHeight: 1.3,
    color: INK,
    paddingTop: 30,
    paddingBottom: 30 + FOOTER_HEIGHT + 8,
    paddingHorizontal: 57,
  },
  header: { flexDirection: "row", alignItems: "flex-start", marginBottom: 6 },
  headerLeft: { flexGrow: 1, flexBasis: 0, paddingRight: 12 },
  authority: { fontSize: 8, fontWeight: 700, color: MUTED, letterSpacing: 0.3, marginBottom: 4 },
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
  duplicate: {
    fontSize: 12,
    fontWeight: 700,
    color: ALERT,
    marginTop: 3,
    textAlign: "center",
  },
  duplicateDate: { fontSize: 8, color: ALERT, textAlign: "center" },
  rule: { borderBottomWidth: 1, borderBottomColor: INK, marginBottom: 12 },
  title: {
    fontSize: 13,
    fontWeight: 700,
    textAlign: "center",
    textTransform: "uppercase",
    letterSpacing: 0.5,
  },
  subtitle: {
    fontSize: 11,
    fontWeight: 700,
    textAlign: "center",
    marginTop: 2,
  },
  numberLine: {
    flexDirection: "row",
    justifyContent: "space-between",
    marginTop: 10,
    marginBottom: 12,
    fontSize: 10,
  },
  section: {
    fontSize: 10,
    fontWeight: 700,
    marginTop: 10,
    marginBottom: 4,
    textTransform: "uppercase",
    color: MUTED,
    letterSpacing: 0.3,
  },
  row: {
    flexDirection: "row",
    borderBottomWidth: 0.5,
    borderBottomColor: RULE,
    paddingVertical: 2,
  },
  label: { width: "36%", paddingRight: 8, color: MUTED, fontSize: 9 },
  value: { width: "64%", fontSize: 10 },
  valueStrong: { width: "64%", fontSize: 10, fontWeight: 700 },
  paragraph: { marginBottom: 6 },
  bold: { fontWeight: 700 },
  footer: {
    position: "absolute",
    left: 57,
    right: 57,
    bottom: 28,
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
