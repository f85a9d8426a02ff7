import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.js';

/**
 * The web app's files go out pre-compressed (the build writes x.js.br and x.js.gz beside x.js):
 * the browser gets the encoding its Accept-Encoding allows, with Content-Encoding,
 * Vary: Accept-Encoding and the Content-Type of the original file, still public and cacheable.
 */
const source = `export const greeting = ${JSON.stringify('hello '.repeat(500))};\n`;
let dir: string;
let ctx: TestContext;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'opennrm-web-'));
  await mkdir(path.join(dir, 'assets'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>OpenNRM</title>');
  const file = path.join(dir, 'assets', 'app-1234.js');
  await writeFile(file, source);
  await writeFile(`${file}.br`, brotliCompressSync(source));
  await writeFile(`${file}.gz`, gzipSync(source));
  await writeFile(path.join(dir, 'assets', 'plain-1234.css'), 'body{margin:0}');
  ctx = await createTestContext({ WEB_DIST_DIR: dir });
});
afterAll(async () => {
  await ctx?.close();
  await rm(dir, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string) =>
  ctx.app.inject({
    method: 'GET',
    url,
    headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
  });

describe('web delivery', () => {
  it('sends brotli to a browser that accepts it, gzip to one that accepts only gzip', async () => {
    const br = await get('/assets/app-1234.js', 'gzip, deflate, br');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(source);

    const gz = await get('/assets/app-1234.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['content-type']).toMatch(/javascript/);
    expect(gunzipSync(gz.rawPayload).toString()).toBe(source);
  });

  it('sends the file as it is when the browser accepts no encoding, or none was built', async () => {
    const plain = await get('/assets/app-1234.js', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.body).toBe(source);

    const css = await get('/assets/plain-1234.css', 'br');
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-encoding']).toBeUndefined();
    expect(css.body).toBe('body{margin:0}');
  });

  it('keeps index.html revalidated on every visit', async () => {
    const page = await get('/cases', 'br');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
  });
});
