export { seedDemoData, type SeedResult } from "./seed";
export {
  DEMO_INNS,
  DEMO_OFFICES,
  DEMO_PASSWORDS,
  DEMO_STAFF,
  DEMO_TOTP_KEY,
  EVIDENCE_ISSUERS,
  demoRegistry,
  type DemoEvidence,
  type DemoOfficeCode,
  type DemoStaff,
  type DemoTaxpayer,
} from "./demo-data";
