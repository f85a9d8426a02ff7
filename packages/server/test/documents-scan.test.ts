import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestContext, type TestContext } from './harness.js';

/**
 * A stand-in for clamd on a UNIX socket, speaking its INSTREAM protocol (length-prefixed
 * chunks, a zero length to end): it reports the EICAR test string as found.
 */
function fakeClamd() {
  const scanned: number[] = [];
  const server = net.createServer((socket) => {
    let buffer = Buffer.alloc(0);
    let content = Buffer.alloc(0);
    let started = false;
    socket.on('data', (data) => {
      buffer = Buffer.concat([buffer, data]);
      if (!started) {
        const end = buffer.indexOf(0);
        if (end < 0) return;
        if (buffer.subarray(0, end).toString() !== 'zINSTREAM') return socket.end('UNKNOWN COMMAND\0');
        buffer = buffer.subarray(end + 1);
        started = true;
      }
      while (buffer.length >= 4) {
        const size = buffer.readUInt32BE(0);
        if (size === 0) {
          scanned.push(content.length);
          const found = content.includes(Buffer.from('EICAR-STANDARD-ANTIVIRUS-TEST-FILE'));
          socket.end(found ? 'stream: Eicar-Test-Signature FOUND\0' : 'stream: OK\0');
          return;
        }
        if (buffer.length < 4 + size) return;
        content = Buffer.concat([content, buffer.subarray(4, 4 + size)]);
        buffer = buffer.subarray(4 + size);
      }
    });
  });
  return { server, scanned };
}

let ctx: TestContext;
let manager: Client;
let caseId: string;
let dir: string;
let clamd: ReturnType<typeof fakeClamd>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'opennrm-clamd-'));
  const socketPath = path.join(dir, 'clamd.ctl');
  clamd = fakeClamd();
  await new Promise<void>((resolve) => clamd.server.listen(socketPath, resolve));
  ctx = await createTestContext({ CLAMD_ADDRESS: socketPath });
  manager = await ctx.signIn('casemanager');
  caseId = (
    await manager.post('/api/cases', {
      intakeKind: 'walk_in',
      channel: 'walk_in',
      person: { nameLatin: 'Scan Person' },
    })
  ).json().id;
});
afterAll(async () => {
  await ctx.close();
  clamd.server.close();
  await rm(dir, { recursive: true, force: true });
});

async function upload(text: string, fileName: string) {
  const bytes = Buffer.from(text);
  const up = (
    await manager.post(`/api/cases/${caseId}/uploads`, {
      fileName,
      size: bytes.length,
      metadata: { type: 'other', title: fileName },
    })
  ).json();
  await manager.request('PUT', `/api/uploads/${up.id}/chunks/0`, bytes, {
    headers: { 'content-type': 'application/octet-stream' },
  });
  return manager.post(`/api/uploads/${up.id}/complete`);
}

describe('virus scanning with clamd', () => {
  it('stores a clean file as scanned, and refuses one clamd reports, with an audit event', async () => {
    const clean = await upload('A statement taken with an interpreter.\n', 'statement.txt');
    expect(clean.statusCode, clean.body).toBe(201);
    expect(clean.json().current.scan).toBe('clean');

    const eicar = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*\n';
    const infected = await upload(eicar, 'eicar.txt');
    expect(infected.statusCode).toBe(422);
    expect(infected.json().code).toBe('FILE_INFECTED');
    expect(clamd.scanned).toHaveLength(2);
    const listed = (await manager.get(`/api/cases/${caseId}/documents`)).json().items;
    expect(listed.map((d: { title: string }) => d.title)).toEqual(['statement.txt']);
    const denied = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'outcome'])
      .where('target_id', '=', caseId)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied).toContainEqual({ action: 'upload.aborted', outcome: 'denied' });
  });
});
