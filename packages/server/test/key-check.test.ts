import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { createDb, type Database } from '../src/db/create-db.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { openKeys } from '../src/lib/key-check.js';
import { rotateEncryptedFields } from '../src/lib/key-rotation.js';
import { loadFieldCrypto, readKeyFile, writeKeyFile } from '../src/lib/keys.js';
import { DEMO_TOTP_SECRET, seed } from '../src/seed.js';
import { createServices } from '../src/services.js';

// Explicit: this file builds its own databases (or reads every case as every role); a loaded
// 2-core machine needs more than the suite's default 30 s.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

/**
 * Issue 16, item 2: a missing key file made a new key `k1` silently; values written then were
 * unreadable once the right file (also `k1`) was back. Keys are now made only for a database
 * without encrypted data, and checked against a known ciphertext at every start.
 */
const dirs: string[] = [];
const handles: { close(): Promise<void> }[] = [];
const tmp = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onrm-keycheck-'));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  await Promise.all(handles.map((h) => h.close()));
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

async function freshDb(): Promise<Database> {
  const handle = await createDb({});
  handles.push(handle);
  await migrateToLatest(handle.db);
  return handle.db;
}

const b64 = () => randomBytes(32).toString('base64');
const legacyKeyFile = () => ({
  blindIndexKey: b64(),
  keys: [{ id: 'k1', key: b64() }],
  fileMasterKeys: [{ id: 'f1', key: b64() }],
});

describe('keys checked against the database', () => {
  it('creates keys with unique ids on a fresh empty database, as before', async () => {
    const db = await freshDb();
    const config = loadConfig({ DATA_DIR: tmp() });
    const first = await openKeys(config, db);
    expect(first.created).toBe(true);
    expect(first.crypto.currentKeyId).toMatch(/^k-[0-9a-f]{8}$/);
    expect(first.keyring.currentKeyId).toMatch(/^f-[0-9a-f]{8}$/);
    expect(fs.existsSync(config.keys.keyFile)).toBe(true);
    const again = await openKeys(config, db);
    expect(again.created).toBe(false);
    expect(again.crypto.currentKeyId).toBe(first.crypto.currentKeyId);
  });

  it('never makes a key outside the start-up check (CLI, production)', () => {
    const config = loadConfig({ DATA_DIR: tmp() });
    expect(() => loadFieldCrypto(config)).toThrow(ConfigError);
    expect(fs.existsSync(config.keys.keyFile)).toBe(false);
  });

  it('refuses to start when the key file is gone and the database holds data, and makes no file', async () => {
    const db = await freshDb();
    const config = loadConfig({ DATA_DIR: tmp() });
    const { crypto } = await openKeys(config, db);
    await seed(createServices({ config, db, now: () => new Date(), crypto }), { demo: true });
    const keyId = crypto.currentKeyId;
    fs.rmSync(config.keys.keyFile);

    const refused = await openKeys(config, db).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as ConfigError).problems).toEqual([
      `KEY_FILE: ${config.keys.keyFile} does not exist, but this database holds data encrypted with key id ${keyId}: restore that key file (or set ENCRYPTION_KEYS); no new key was made`,
    ]);
    expect(fs.existsSync(config.keys.keyFile)).toBe(false);

    // A database from before the key check: its encrypted rows are enough to refuse.
    await db.deleteFrom('key_check').execute();
    await expect(openKeys(config, db)).rejects.toThrow(/does not exist, but this database holds data/);
    expect(fs.existsSync(config.keys.keyFile)).toBe(false);
  });

  it('refuses a wrong key file, even one with the same key id, naming it', async () => {
    const db = await freshDb();
    const dir = tmp();
    const config = loadConfig({ DATA_DIR: dir });
    // An installation made before unique ids: its `k1` keeps working.
    const right = legacyKeyFile();
    writeKeyFile(config.keys.keyFile, right);
    const { crypto } = await openKeys(config, db);
    expect(crypto.currentKeyId).toBe('k1');
    await seed(createServices({ config, db, now: () => new Date(), crypto }), { demo: true });

    writeKeyFile(config.keys.keyFile, legacyKeyFile());
    await expect(openKeys(config, db)).rejects.toThrow(
      `KEY_FILE: the key file ${config.keys.keyFile} does not decrypt this database's data (key id k1): restore the right key file`,
    );
    // Same field keys, another blind-index key: searches would silently find nothing.
    writeKeyFile(config.keys.keyFile, { ...right, blindIndexKey: b64() });
    await expect(openKeys(config, db)).rejects.toThrow(/blind-index key .* is not this database's/);
    // Same field keys, other file master keys: documents would not open.
    writeKeyFile(config.keys.keyFile, { ...right, fileMasterKeys: [{ id: 'f1', key: b64() }] });
    await expect(openKeys(config, db)).rejects.toThrow(
      /does not unwrap this database's document keys \(master key id f1\)/,
    );

    // Keys from the environment are named as such.
    const env = loadConfig({
      DATA_DIR: dir,
      ENCRYPTION_KEYS: `k1:${b64()}`,
      BLIND_INDEX_KEY: right.blindIndexKey,
      FILE_MASTER_KEYS: `f1:${right.fileMasterKeys[0]!.key}`,
    });
    await expect(openKeys(env, db)).rejects.toThrow(
      /^Invalid configuration:\n {2}- ENCRYPTION_KEYS: .*key id k1/,
    );

    // The right file again: the data written under it reads back.
    writeKeyFile(config.keys.keyFile, right);
    const back = await openKeys(config, db);
    const admin = await db
      .selectFrom('users')
      .select('totp_secret')
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    expect(back.crypto.decrypt(admin.totp_secret!)).toBe(DEMO_TOTP_SECRET);
  });

  it('refuses a wrong key on a database from before the key check (checked against its data)', async () => {
    const db = await freshDb();
    const config = loadConfig({ DATA_DIR: tmp() });
    const { crypto } = await openKeys(config, db);
    await seed(createServices({ config, db, now: () => new Date(), crypto }), { demo: true });
    await db.deleteFrom('key_check').execute();
    writeKeyFile(config.keys.keyFile, {
      ...legacyKeyFile(),
      keys: [{ id: crypto.currentKeyId, key: b64() }],
    });
    await expect(openKeys(config, db)).rejects.toThrow(/does not decrypt this database's data/);
    expect(await db.selectFrom('key_check').selectAll().execute()).toEqual([]);
  });

  it('follows a key rotation: the check moves to the new key, and the old key can go', async () => {
    const db = await freshDb();
    const config = loadConfig({ DATA_DIR: tmp() });
    const { crypto } = await openKeys(config, db);
    await seed(createServices({ config, db, now: () => new Date(), crypto }), { demo: true });
    const file = readKeyFile(config.keys.keyFile);
    const added = { id: 'k-rotated1', key: b64() };
    writeKeyFile(config.keys.keyFile, { ...file, keys: [added, ...file.keys] });
    const rotated = await openKeys(config, db);
    expect(rotated.crypto.currentKeyId).toBe('k-rotated1');
    await rotateEncryptedFields(db, rotated.crypto);
    const check = await db.selectFrom('key_check').select('field_check').executeTakeFirstOrThrow();
    expect(check.field_check.startsWith('v1:k-rotated1:')).toBe(true);
    writeKeyFile(config.keys.keyFile, { ...file, keys: [added] });
    await expect(openKeys(config, db)).resolves.toMatchObject({ created: false });
  });
});
