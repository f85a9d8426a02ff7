import net from 'node:net';
import type { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';

/**
 * What may be stored: the type the content itself shows (magic bytes), which must agree with
 * the file name's extension. Images lose their metadata (EXIF, GPS) before they are stored.
 */
interface AllowedType {
  extensions: readonly string[];
  /** Shown in the browser (images, PDF, audio); the rest is downloaded. */
  viewable: boolean;
  /** sharp's output format for images whose metadata is stripped. */
  strip?: 'jpeg' | 'png' | 'webp' | 'tiff';
}

const ALLOWED: Record<string, AllowedType> = {
  'application/pdf': { extensions: ['pdf'], viewable: true },
  'image/jpeg': { extensions: ['jpg', 'jpeg'], viewable: true, strip: 'jpeg' },
  'image/png': { extensions: ['png'], viewable: true, strip: 'png' },
  'image/webp': { extensions: ['webp'], viewable: true, strip: 'webp' },
  'image/tiff': { extensions: ['tif', 'tiff'], viewable: false, strip: 'tiff' },
  'audio/mpeg': { extensions: ['mp3'], viewable: true },
  'audio/mp4': { extensions: ['m4a', 'mp4'], viewable: true },
  'audio/x-m4a': { extensions: ['m4a'], viewable: true },
  'audio/ogg': { extensions: ['ogg', 'oga', 'opus'], viewable: true },
  'audio/opus': { extensions: ['opus', 'ogg'], viewable: true },
  'audio/wav': { extensions: ['wav'], viewable: true },
  'audio/x-wav': { extensions: ['wav'], viewable: true },
  'video/mp4': { extensions: ['mp4'], viewable: false },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    extensions: ['docx'],
    viewable: false,
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    extensions: ['xlsx'],
    viewable: false,
  },
  'text/plain': { extensions: ['txt'], viewable: false },
};

export const VIEWABLE_TYPES = new Set(
  Object.entries(ALLOWED)
    .filter(([, t]) => t.viewable)
    .map(([m]) => m),
);

export type SniffResult =
  | { ok: true; contentType: string; strip: AllowedType['strip'] }
  | { ok: false; reason: 'unknown_type' | 'extension_mismatch'; detected: string | null };

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/** Plain text: valid UTF-8 with no NUL byte in what was read. */
function looksLikeText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 4)));
    return true;
  } catch {
    return false;
  }
}

/** Decides the stored type from the first bytes and the file name; never from what the browser claims. */
export async function sniff(head: Buffer, fileName: string): Promise<SniffResult> {
  const ext = extensionOf(fileName);
  const detected = await fileTypeFromBuffer(head);
  const mime = detected?.mime ?? (looksLikeText(head) ? 'text/plain' : null);
  const allowed = mime ? ALLOWED[mime] : undefined;
  if (!mime || !allowed) return { ok: false, reason: 'unknown_type', detected: mime };
  if (!allowed.extensions.includes(ext)) return { ok: false, reason: 'extension_mismatch', detected: mime };
  return { ok: true, contentType: mime, strip: allowed.strip };
}

/** Re-encodes an image without its metadata (EXIF, GPS, XMP, IPTC), upright per its orientation. */
export async function stripImageMetadata(
  image: Buffer,
  format: NonNullable<AllowedType['strip']>,
): Promise<Buffer> {
  return sharp(image, { failOn: 'error' }).rotate().toFormat(format).toBuffer();
}

/**
 * A file name safe to store and to offer in Content-Disposition: no path, no control
 * characters, no characters that file systems refuse, at most 150 characters.
 */
export function sanitiseFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = [...base.normalize('NFC')]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f || '<>:"|?*'.includes(ch) ? '_' : ch))
    .join('')
    .replace(/^[.\s]+/, '')
    .trim();
  if (!clean) return 'document';
  if (clean.length <= 150) return clean;
  const ext = extensionOf(clean);
  return `${clean.slice(0, 150 - ext.length - 1)}.${ext}`;
}

/**
 * Scans a stream with clamd's INSTREAM command (over its UNIX socket or `host:port`).
 * Resolves to the signature found, or null when clean. Throws when clamd cannot be reached
 * or answers something else (the upload then fails rather than storing an unscanned file).
 */
export function scanWithClamd(address: string, content: Readable): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const [host, port] = address.includes(':') && !address.startsWith('/') ? address.split(':') : [];
    const socket = host && port ? net.connect(Number(port), host) : net.connect(address);
    let answer = '';
    const fail = (error: Error) => {
      content.destroy();
      socket.destroy();
      reject(error);
    };
    socket.on('error', fail);
    socket.on('data', (data) => {
      answer += data.toString('utf8');
    });
    socket.on('end', () => {
      const text = answer.replace(/\0/g, '').trim();
      if (/:\s*OK$/.test(text)) resolve(null);
      else if (/FOUND$/.test(text)) resolve(text.replace(/^.*?:\s*/, '').replace(/\s*FOUND$/, ''));
      else reject(new Error('clamd gave an unexpected answer'));
    });
    socket.on('connect', async () => {
      try {
        socket.write('zINSTREAM\0');
        for await (const piece of content) {
          const buf = piece as Buffer;
          const size = Buffer.alloc(4);
          size.writeUInt32BE(buf.length);
          if (!socket.write(Buffer.concat([size, buf]))) await new Promise((r) => socket.once('drain', r));
        }
        socket.end(Buffer.alloc(4));
      } catch (error) {
        fail(error as Error);
      }
    });
  });
}
