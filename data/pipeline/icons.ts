/**
 * Draws the extension's toolbar icons (a lens over a highlighted code mark) as PNGs into the
 * public asset folder at build time, so no binary is committed. Pure Node: a tiny PNG encoder over
 * node:zlib, anti-aliased by 4×4 supersampling.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(size: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      raw.set([r, g, b, a], y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** The icon in unit coordinates (0..1): which colour a point has, or null for transparent. */
function shade(u: number, v: number): Rgba | null {
  const inRound = (x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number) => {
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
  const d = Math.hypot(u - 0.42, v - 0.42);
  // Handle of the lens.
  const t = ((u - 0.6) + (v - 0.6)) / 2;
  const off = Math.abs((u - 0.6) - (v - 0.6)) / Math.SQRT2;
  if (t > 0 && t < 0.27 && off < 0.075) return [24, 60, 110, 255];
  if (d <= 0.34 && d >= 0.26) return [24, 60, 110, 255]; // lens ring
  if (d < 0.26) {
    if (inRound(u, v, 0.24, 0.35, 0.6, 0.49, 0.04)) return [255, 186, 0, 255]; // the highlighted code
    return [230, 241, 252, 255];
  }
  return null;
}

export function drawIcon(size: number): Buffer {
  const S = 4;
  return png(size, (x, y) => {
    let r = 0, g = 0, b = 0, a = 0;
    for (let i = 0; i < S; i++)
      for (let j = 0; j < S; j++) {
        const c = shade((x + (i + 0.5) / S) / size, (y + (j + 0.5) / S) / size);
        if (c) {
          r += c[0] * c[3];
          g += c[1] * c[3];
          b += c[2] * c[3];
          a += c[3];
        }
      }
    return a === 0 ? [0, 0, 0, 0] : [Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round(a / (S * S))];
  });
}

/** Write icon-16/32/48/128.png into `dir` (WXT picks them up from the public folder). */
export function writeIcons(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const size of [16, 32, 48, 128]) writeFileSync(join(dir, `icon-${size}.png`), drawIcon(size));
}
