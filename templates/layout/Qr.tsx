import { Path, Rect, Svg } from "@react-pdf/renderer";
import QRCode from "qrcode";

const QUIET = 4;

/** The modules of a QR code as one vector path: sharp at any zoom and cheaper than a bitmap. */
const cache = new Map<string, { size: number; d: string }>();

/** Both copies carry the same code: encode it once (a few ms), keep the last few. */
export function qrPath(text: string): { size: number; d: string } {
  const hit = cache.get(text);
  if (hit) return hit;
  const made = encodeQr(text);
  if (cache.size >= 16) cache.delete(cache.keys().next().value!);
  cache.set(text, made);
  return made;
}

function encodeQr(text: string): { size: number; d: string } {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const n = qr.modules.size;
  const data = qr.modules.data;
  let d = "";
  for (let y = 0; y < n; y++) {
    let x = 0;
    while (x < n) {
      if (!data[y * n + x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < n && data[y * n + x]) x++;
      d += `M${start + QUIET} ${y + QUIET}h${x - start}v1h${start - x}z`;
    }
  }
  return { size: n + QUIET * 2, d };
}

export function QrCode({ url, size }: { url: string; size: number }) {
  const { size: units, d } = qrPath(url);
  return (
    <Svg width={size} height={size} viewBox={`0 0 ${units} ${units}`}>
      <Rect x={0} y={0} width={units} height={units} fill="#ffffff" />
      <Path d={d} fill="#000000" />
    </Svg>
  );
}
