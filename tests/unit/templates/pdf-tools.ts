import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import jsQR from "jsqr";
import { PNG } from "pngjs";

/** poppler-utils (Debian) reads the PDFs back as a user's viewer would. */
export const hasPoppler = (() => {
  try {
    execFileSync("which", ["pdftotext", "pdfinfo", "pdffonts", "pdftoppm"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
if (!hasPoppler) console.warn("poppler-utils missing (apt-get install -y poppler-utils): PDF checks skipped");

const dir = mkdtempSync(path.join(tmpdir(), "documents-"));
let n = 0;

export function writePdf(pdf: Buffer, name = "doc"): string {
  const file = path.join(dir, `${name}-${++n}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

export function pdfInfo(file: string): Record<string, string> {
  const out = execFileSync("pdfinfo", ["-enc", "UTF-8", file], { encoding: "utf8" });
  const info: Record<string, string> = {};
  for (const line of out.split("\n")) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) info[m[1].trim()] = m[2].trim();
  }
  return info;
}

/** The text of one page, whitespace collapsed (line breaks and wrapping are layout, not content). */
export function pageText(file: string, page: number): string {
  const out = execFileSync("pdftotext", ["-enc", "UTF-8", "-f", String(page), "-l", String(page), file, "-"], { encoding: "utf8" });
  return out.replace(/\s+/g, " ");
}

/** The lines of one page as laid out (where the text wraps is what a reader sees). */
export function pageLines(file: string, page: number): string[] {
  const out = execFileSync("pdftotext", ["-enc", "UTF-8", "-f", String(page), "-l", String(page), file, "-"], { encoding: "utf8" });
  return out.split("\n").map((l) => l.replace(/\s+/g, " ").trim()).filter(Boolean);
}

/** The lines of one page as pdftotext -layout places them: a table row's cells stay on one line. */
export function pageLayout(file: string, page: number): string[] {
  const out = execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", "-f", String(page), "-l", String(page), file, "-"], { encoding: "utf8" });
  return out.split("\n").map((l) => l.trimEnd()).filter((l) => l.trim() !== "");
}

export function pdfFonts(file: string): string {
  return execFileSync("pdffonts", [file], { encoding: "utf8" });
}

/** Renders a page at 150 dpi and reads its QR code, as a phone camera would. */
export function decodeQr(file: string, page: number): string | null {
  const prefix = path.join(dir, `qr-${++n}`);
  execFileSync("pdftoppm", ["-r", "150", "-png", "-f", String(page), "-l", String(page), "-singlefile", file, prefix]);
  const png = PNG.sync.read(readFileSync(`${prefix}.png`));
  const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height);
  return code?.data ?? null;
}
