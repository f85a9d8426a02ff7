// The browser's side of the documents bench, in its own process so that the bench measures
// the server's memory alone: sends a file in chunks, completes the upload, downloads it back.
// Input in BENCH_CLIENT (JSON); prints one JSON line with the timings and the SHA-256s.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

const { base, cookie, csrf, uploadId, chunkSize, chunks, file } = JSON.parse(
  process.env.BENCH_CLIENT ?? '{}',
);
const headers = { cookie, 'x-csrf-token': csrf };
const reader = await open(file, 'r');
const chunk = Buffer.alloc(chunkSize);
let t = performance.now();
for (let index = 0; index < chunks; index++) {
  const { bytesRead } = await reader.read(chunk, 0, chunkSize, index * chunkSize);
  const res = await fetch(`${base}/api/uploads/${uploadId}/chunks/${index}`, {
    method: 'PUT',
    headers: { ...headers, 'content-type': 'application/octet-stream' },
    body: chunk.subarray(0, bytesRead),
  });
  if (res.status !== 200) throw new Error(`chunk ${index}: ${res.status} ${await res.text()}`);
}
await reader.close();
const sendMs = performance.now() - t;
const done = await fetch(`${base}/api/uploads/${uploadId}/complete`, { method: 'POST', headers });
if (done.status !== 201) throw new Error(`complete: ${done.status} ${await done.text()}`);
const doc = await done.json();
const uploadMs = performance.now() - t;
t = performance.now();
const download = await fetch(`${base}/api/documents/${doc.id}/versions/1/content`, { headers: { cookie } });
const hash = createHash('sha256');
let received = 0;
for await (const piece of download.body) {
  received += piece.length;
  hash.update(piece);
}
const downloadMs = performance.now() - t;
console.log(
  JSON.stringify({
    sendMs,
    uploadMs,
    downloadMs,
    received,
    stored: doc.current.sha256,
    downloaded: hash.digest('hex'),
  }),
);
