/**
 * Writes a registry CSV for load and acceptance tests, with a share of malformed rows whose
 * expected error (line and message key) is known.
 *
 *   npx tsx scripts/gen-registry-csv.ts <rows> <malformed share 0..1> <output.csv> [seed] [office codes, comma-separated]
 *   npx tsx scripts/gen-registry-csv.ts 10000 0.02 /tmp/registry.csv 42 002,003,008
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { pathToFileURL } from "node:url";
import { companyName, entrepreneurName, foreignResidentName, personName } from "../db/seed/names";
import { organisationInn, personInn, Prng, randomDate } from "../db/seed/random";

export interface ExpectedError {
  line: number;
  messageKey: string;
}

export interface GeneratedRegistry {
  /** The file's lines, header first; a multi-line quoted name spans several entries. */
  lines: string[];
  dataRows: number;
  validRows: number;
  expectedErrors: ExpectedError[];
}

const DEFECTS = [
  "registry.inn.length",
  "registry.inn.not_digits",
  "registry.inn.birth_date",
  "registry.inn.kind",
  "registry.office_code.unknown",
  "registry.subject_type.invalid",
  "registry.registration_status.invalid",
  "registry.name.empty",
  "registry.subject_type.personal_inn",
  "registry.csv.column_count",
  "registry.csv.quote",
  "registry.inn.duplicate",
] as const;

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

export function generateRegistryCsv(opts: { rows: number; malformedShare: number; seed?: number; officeCodes?: string[] }): GeneratedRegistry {
  const rng = new Prng(opts.seed ?? 42);
  const officeCodes = opts.officeCodes ?? ["002", "003", "008"];
  const lines = ["inn,name,subject_type,office_code,registration_status"];
  const expectedErrors: ExpectedError[] = [];
  const used = new Set<string>();
  const validInns: string[] = [];
  let serial = 0;
  let validRows = 0;
  // An unterminated quote once, in the middle, away from the multi-line names (first third only).
  const unclosedAt = opts.rows >= 300 && opts.malformedShare > 0 ? Math.floor(opts.rows / 2) : -1;

  const freshInn = (female: boolean, organisation: boolean): string => {
    for (;;) {
      serial++;
      const inn = organisation
        ? organisationInn(...randomDate(rng, 1992, 2025), serial)
        : personInn(female, ...randomDate(rng, 1940, 2007), serial);
      if (!used.has(inn)) {
        used.add(inn);
        return inn;
      }
    }
  };

  for (let i = 0; i < opts.rows; i++) {
    const line = lines.length + 1;
    const type = rng.pick(["individual", "individual", "entrepreneur", "legal_entity", "foreign_resident"] as const);
    const female = rng.chance(0.5);
    const organisation = type === "legal_entity";
    const name =
      type === "legal_entity"
        ? companyName(rng)
        : type === "entrepreneur"
          ? entrepreneurName(rng, female)
          : type === "foreign_resident"
            ? foreignResidentName(rng, female)
            : personName(rng, female);
    const office = rng.pick(officeCodes);
    const status = rng.chance(0.05) ? "deregistered" : "registered";

    if (i === unclosedAt) {
      lines.push(`${freshInn(female, organisation)},"${name},${type},${office},${status}`);
      expectedErrors.push({ line, messageKey: "registry.csv.unclosed_quote" });
      continue;
    }
    if (rng.chance(opts.malformedShare)) {
      const defect = validInns.length > 0 ? rng.pick(DEFECTS) : "registry.inn.length";
      let inn = freshInn(female, organisation);
      let cells = [inn, quote(name), type, office, status];
      switch (defect) {
        case "registry.inn.length":
          cells[0] = inn.slice(0, 13);
          break;
        case "registry.inn.not_digits":
          cells[0] = `${inn.slice(0, 6)}O${inn.slice(7)}`;
          break;
        case "registry.inn.birth_date":
          inn = personInn(female, 1990, 2, 30, serial);
          cells = [inn, quote(personName(rng, female)), "individual", office, status];
          break;
        case "registry.inn.kind":
          cells[0] = `5${inn.slice(1)}`;
          break;
        case "registry.office_code.unknown":
          cells[3] = "999";
          break;
        case "registry.subject_type.invalid":
          cells[2] = "company";
          break;
        case "registry.registration_status.invalid":
          cells[4] = "active";
          break;
        case "registry.name.empty":
          cells[1] = '"  "';
          break;
        case "registry.subject_type.personal_inn":
          inn = freshInn(female, false);
          cells = [inn, quote(companyName(rng)), "legal_entity", office, status];
          break;
        case "registry.csv.column_count":
          cells = cells.slice(0, 4);
          break;
        case "registry.csv.quote":
          cells[1] = `"${name}"x`;
          break;
        case "registry.inn.duplicate":
          cells[0] = rng.pick(validInns);
          cells[2] = cells[0].startsWith("0") ? "legal_entity" : "individual";
          break;
      }
      lines.push(cells.join(","));
      expectedErrors.push({ line, messageKey: defect });
      continue;
    }
    const inn = freshInn(female, organisation);
    // Some names with a comma or a line break inside quotes: valid CSV that shifts physical lines.
    const written =
      i < opts.rows / 3 && rng.chance(0.01) ? quote(`${name}\n(филиал)`) : rng.chance(0.05) ? quote(`${name}, филиал`) : quote(name);
    lines.push(...`${inn},${written},${type},${office},${status}`.split("\n"));
    validInns.push(inn);
    validRows++;
  }
  return { lines, dataRows: opts.rows, validRows, expectedErrors };
}

async function main() {
  const [rowsArg, shareArg, output, seedArg, officesArg] = process.argv.slice(2);
  if (!rowsArg || !shareArg || !output) {
    console.error("usage: tsx scripts/gen-registry-csv.ts <rows> <malformed share 0..1> <output.csv> [seed] [office codes]");
    process.exit(2);
  }
  const generated = generateRegistryCsv({
    rows: Number(rowsArg),
    malformedShare: Number(shareArg),
    seed: seedArg ? Number(seedArg) : 42,
    officeCodes: officesArg ? officesArg.split(",") : undefined,
  });
  const out = createWriteStream(output, "utf8");
  for (const line of generated.lines) {
    if (!out.write(`${line}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  console.log(`${output}: ${generated.dataRows} rows, ${generated.validRows} valid, ${generated.expectedErrors.length} malformed`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
