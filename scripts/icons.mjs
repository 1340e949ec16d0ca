// Writes the app icons into pwa/icons/ from one description: icon.svg and the PNGs the web
// app manifest lists (192 and 512 px with rounded corners, 512 px full-bleed "maskable").
// Plain Node (zlib for the PNG encoding), deterministic: running it again gives the same
// bytes. The outputs are committed; run `node scripts/icons.mjs` after changing the shapes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'pwa', 'icons');

// On a 512 × 512 canvas. Everything but the background stays inside the central circle of
// radius 205 (80 % of the width), the safe zone of maskable icons.
const BRAND = '#0b4f8a'; // --brand in style/main.css
const WHITE = '#ffffff';
const GOAL = '#ffbf47'; // --focus in style/main.css
const CORNER = 96;
// A staircase ("Schritt für Schritt") and a goal above its top step.
const STAIRS = [
  [121, 300, 211, 392],
  [211, 236, 301, 392],
  [301, 172, 391, 392],
];
const GOAL_CIRCLE = { cx: 346, cy: 118, r: 30 };

function svg() {
  const [s1, s2, s3] = STAIRS;
  const path = `M${s1[0]} ${s1[3]}V${s1[1]}H${s2[0]}V${s2[1]}H${s3[0]}V${s3[1]}H${s3[2]}V${s3[3]}Z`;
  const c = GOAL_CIRCLE;
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">\n' +
    '<title>Leitfaden Open Government</title>\n' +
    `<rect width="512" height="512" rx="${CORNER}" fill="${BRAND}"/>\n` +
    `<path d="${path}" fill="${WHITE}"/>\n` +
    `<circle cx="${c.cx}" cy="${c.cy}" r="${c.r}" fill="${GOAL}"/>\n` +
    '</svg>\n'
  );
}

const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** The colour at canvas point (x, y), or null outside the icon. */
function colourAt(x, y, corner) {
  if (x < 0 || y < 0 || x >= 512 || y >= 512) return null;
  if (corner > 0) {
    const cx = Math.min(Math.max(x, corner), 512 - corner);
    const cy = Math.min(Math.max(y, corner), 512 - corner);
    if ((x - cx) ** 2 + (y - cy) ** 2 > corner ** 2) return null;
  }
  const c = GOAL_CIRCLE;
  if ((x - c.cx) ** 2 + (y - c.cy) ** 2 <= c.r ** 2) return GOAL;
  if (STAIRS.some(([x0, y0, x1, y1]) => x >= x0 && x < x1 && y >= y0 && y < y1)) return WHITE;
  return BRAND;
}

/** RGBA pixels of the icon at `size` px, 4 × 4 supersampled. */
function raster(size, corner) {
  const px = Buffer.alloc(size * size * 4);
  const n = 4;
  const scale = 512 / size;
  for (let py = 0; py < size; py++) {
    for (let pxl = 0; pxl < size; pxl++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const col = colourAt((pxl + (sx + 0.5) / n) * scale, (py + (sy + 0.5) / n) * scale, corner);
          if (!col) continue;
          const [cr, cg, cb] = rgb(col);
          r += cr; g += cg; b += cb; a += 1;
        }
      }
      const o = (py * size + pxl) * 4;
      if (a > 0) {
        px[o] = Math.round(r / a);
        px[o + 1] = Math.round(g / a);
        px[o + 2] = Math.round(b / a);
      }
      px[o + 3] = Math.round((255 * a) / (n * n));
    }
  }
  return px;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** An 8-bit RGBA PNG. */
function png(size, pixels) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(OUT, { recursive: true });
const outputs = {
  'icon.svg': Buffer.from(svg()),
  'icon-192.png': png(192, raster(192, CORNER)),
  'icon-512.png': png(512, raster(512, CORNER)),
  'icon-maskable-512.png': png(512, raster(512, 0)),
};
for (const [name, data] of Object.entries(outputs)) {
  writeFileSync(join(OUT, name), data);
  console.log(`${String(data.length).padStart(7)} B  pwa/icons/${name}`);
}
