import { AppError } from '../../shared/errors';
import { MAX_IMAGE_PIXELS } from './limits';

/**
 * An image's size read from its header, checked before anything decodes it: a 1 MB PNG can
 * claim 20000 x 20000 pixels (1.6 GB once decoded). A JPEG must also be well formed up to its
 * frame header (SOFn), so a broken header is refused here rather than attached as a blank page.
 */
export function checkImageHeader(bytes: Uint8Array, kind: 'png' | 'jpeg', label: string): { width: number; height: number } {
  const size = kind === 'png' ? pngSize(bytes) : jpegSize(bytes);
  if (!size || size.width === 0 || size.height === 0) {
    throw new AppError('FILE', `"${label}" claims to be a ${kind.toUpperCase()} image but its header is broken; it is probably damaged. Export or scan it again.`, { reason: 'corrupt' });
  }
  if (size.width * size.height > MAX_IMAGE_PIXELS) {
    const mp = (n: number) => `${(n / 1_000_000).toFixed(0)} megapixels`;
    throw new AppError(
      'FILE',
      `"${label}" is ${size.width} x ${size.height} pixels (${mp(size.width * size.height)}); images are limited to ${mp(MAX_IMAGE_PIXELS)}. Scan at a lower resolution (300 dpi is plenty) or resize it, and attach it again.`,
      { reason: 'dimensions', width: size.width, height: size.height, limit: MAX_IMAGE_PIXELS },
    );
  }
  return size;
}

function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  // Signature (8), then the IHDR chunk: length 13, type "IHDR", width, height.
  if (bytes.length < 33) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(8) !== 13 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Start-of-frame markers: baseline, progressive, lossless, arithmetic (not DHT/JPG/DAC). */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** Walk the JPEG segments from SOI to the first frame header; null when the structure is broken. */
function jpegSize(bytes: Uint8Array): { width: number; height: number } | null {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0xd9 || marker === 0xda || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) return null; // no frame before scan/end
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (length < 2 || at + 2 + length > bytes.length) return null;
    if (SOF.has(marker)) {
      if (length < 8) return null;
      const precision = bytes[at + 4]!;
      const height = (bytes[at + 5]! << 8) | bytes[at + 6]!;
      const width = (bytes[at + 7]! << 8) | bytes[at + 8]!;
      const components = bytes[at + 9]!;
      if ((precision !== 8 && precision !== 12 && precision !== 16) || ![1, 3, 4].includes(components)) return null;
      return { width, height };
    }
    at += 2 + length;
  }
  return null;
}
