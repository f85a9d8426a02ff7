import fs from 'node:fs';
import path from 'node:path';
import { Username } from '@opennrm/domain';
import { auditHashAt, findCoordinator } from './cli.repository.js';
import { loadConfig } from './config.js';
import { createDb } from './db/create-db.js';
import { migrateToLatest } from './db/migrate.js';
import { seedSyntheticCases } from './demo/synthetic-cases.js';
import { auditHead, exportCheckpoints, parseWitness, verifyAuditChain } from './features/audit/index.js';
import { rewrapDocumentKeys } from './features/documents/index.js';
import { createUser } from './features/users/index.js';
import { newKeyMaterial } from './lib/field-crypto.js';
import { rotateEncryptedFields } from './lib/key-rotation.js';
import {
  addFileMasterKey,
  auditSigningKeyFrom,
  loadFieldCrypto,
  loadFileKeyring,
  newAuditSigningKeyMaterial,
  readAuditSigningKey,
  readKeyFile,
  writeKeyFile,
} from './lib/keys.js';
import { totpCode } from './lib/totp.js';
import { DEMO_TOTP_SECRET, seed } from './seed.js';
import { createServices } from './services.js';

const USAGE = `Usage: npm run cli -- <command>
  audit:verify [row:hash] [--witness FILE] [--no-sequence]
                            sequence waiting entries, then check the audit trail's hash chain against
                            the signed checkpoints; exit 1 and name the first broken row. With an anchor
                            printed by an earlier run, or a partner's copy of the checkpoints (--witness),
                            also check the chain still matches them. --no-sequence: read only (waiting
                            entries older than AUDIT_SEQUENCE_MAX_LAG_MS are then a failure)
  audit:checkpoints --out FILE
                            write the signed checkpoints and the public key to FILE, for partners to keep
  audit:key-new             print a new audit signing key for AUDIT_SIGNING_KEY (only for a database
                            without checkpoints)
  migrate                   apply pending database migrations
  create-admin <username>   create an administrator in the coordinator organisation;
                            reads the temporary password from OPENNRM_ADMIN_PASSWORD
  keys:add                  add a new encryption key to the key file (it encrypts from the next start)
  keys:rotate               re-encrypt every value still under an older key
  files:keys-add            add a new master key for document files to the key file (wraps new files from the next start)
  files:rewrap              re-wrap every document file key still under an older master key (contents are not rewritten)
  totp-code [secret]        print the current code for a TOTP secret (default: the demo secret)
  seed --cases N [--seed S] add N synthetic cases (demo and benchmark data, never production);
                            also creates the default organisations and, with SEED_DEMO, the demo users`;

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof createDb>>['db']) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const handle = await createDb({
    databaseUrl: config.databaseUrl,
    pgliteDir: config.databaseUrl ? undefined : path.join(config.dataDir, 'pglite'),
  });
  try {
    await migrateToLatest(handle.db);
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

const [command, ...args] = process.argv.slice(2);
switch (command) {
  case 'audit:verify': {
    const flag = (name: string) => args.includes(`--${name}`);
    const option = (name: string) => {
      const i = args.indexOf(`--${name}`);
      return i >= 0 ? args[i + 1] : undefined;
    };
    const witnessFile = option('witness');
    // An anchor is a head printed by an earlier run and kept outside the database
    // ("row:hash"): the chain must still contain it, or it was rewritten since.
    const positional = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--witness');
    const anchor = positional[0] ? /^(\d+):([0-9a-f]{64})$/.exec(positional[0]) : undefined;
    if ((positional[0] && !anchor) || (flag('witness') && !witnessFile)) {
      console.error(
        'Usage: audit:verify [row:hash] [--witness FILE] [--no-sequence]; an anchor looks like 1234:<64 hex characters>, as printed by an earlier run.',
      );
      process.exitCode = 2;
      break;
    }
    const config = loadConfig();
    const key = readAuditSigningKey(config);
    const witness = witnessFile ? parseWitness(fs.readFileSync(witnessFile, 'utf8')) : undefined;
    const { result, head, anchored } = await withDb(async (db) => ({
      result: await verifyAuditChain(db, {
        sequenceFirst: !flag('no-sequence'),
        maxLagMs: config.audit.maxLagMs,
        ...(key ? { trustedKeys: new Map([[key.id, key.publicKey]]) } : {}),
        ...(witness ? { witness } : {}),
      }),
      head: await auditHead(db),
      anchored: anchor ? await auditHashAt(db, anchor[1]!) : undefined,
    }));
    if (!result.ok) {
      const what: Record<string, string> = {
        unsequenced: `entry ${result.firstBrokenId} has waited longer than ${config.audit.maxLagMs} ms for its chain position: is the sequencer running?`,
        checkpoint_mismatch: `the chain no longer matches the signed checkpoint at row ${result.firstBrokenId}: rows were cut off or rewritten`,
        checkpoint_invalid: `the checkpoint at row ${result.firstBrokenId} is not signed by a trusted key`,
      };
      console.error(
        `Audit trail BROKEN at row ${result.firstBrokenId} (${result.reason}); ${result.checked} rows before it are intact.${what[result.reason ?? ''] ? `\n  ${what[result.reason!]}` : ''}`,
      );
      process.exitCode = 1;
    } else if (anchor && anchored?.hash !== anchor[2]) {
      console.error(
        `Audit trail does not contain the recorded anchor ${anchor[1]}:${anchor[2]}: it was rewritten.`,
      );
      process.exitCode = 1;
    } else {
      console.log(`Audit trail intact: ${result.checked} rows checked.`);
      if (result.checkpoint) {
        console.log(
          `Latest checkpoint: ${result.checkpoint.size} rows, signed ${result.checkpoint.signedAt} by key ${result.checkpoint.keyId}${key ? '' : ' (signature not checked: no audit signing key configured)'}.`,
        );
      } else console.log('No signed checkpoint yet.');
      if (witness) console.log(`Witness: ${result.witnessChecked} checkpoints match the chain.`);
      if (result.unsequenced)
        console.log(`${result.unsequenced} newer entries are waiting for the sequencer.`);
      if (head) console.log(`Head (keep it outside the database): ${head.id}:${head.hash}`);
    }
    break;
  }
  case 'audit:checkpoints': {
    const i = args.indexOf('--out');
    const out = i >= 0 ? args[i + 1] : undefined;
    if (!out) {
      console.error('Usage: audit:checkpoints --out FILE');
      process.exitCode = 2;
      break;
    }
    const key = readAuditSigningKey(loadConfig());
    const exported = await withDb((db) => exportCheckpoints(db, key));
    fs.writeFileSync(out, `${JSON.stringify(exported, null, 2)}\n`);
    console.log(
      `Wrote ${exported.checkpoints.length} checkpoints${key ? ` and public key ${key.id}` : ' (no audit signing key configured: no public key)'} to ${out}.`,
    );
    break;
  }
  case 'audit:key-new': {
    const material = newAuditSigningKeyMaterial();
    console.log(`AUDIT_SIGNING_KEY=${material}`);
    console.error(`Key id ${auditSigningKeyFrom(material).id}. Keep it secret and with the database backup.`);
    break;
  }
  case 'migrate': {
    await withDb(async () => undefined);
    console.log('Migrations applied.');
    break;
  }
  case 'create-admin': {
    const username = Username.safeParse(args[0]);
    const password = process.env.OPENNRM_ADMIN_PASSWORD;
    if (!username.success || !password) {
      console.error(USAGE);
      process.exitCode = 2;
      break;
    }
    await withDb(async (db) => {
      const coordinator = await findCoordinator(db);
      if (!coordinator)
        throw new Error('No coordinator organisation: start the server once to seed organisations.');
      const config = loadConfig();
      const user = await createUser(
        createServices({ config, db, now: () => new Date(), crypto: loadFieldCrypto(config).crypto }),
        { requestId: 'cli' },
        {
          username: username.data,
          displayName: username.data,
          role: 'administrator',
          organisationId: coordinator.id,
          password,
        },
      );
      console.log(
        `Created administrator ${user.username}; they set a new password and an authenticator at first sign-in.`,
      );
    });
    break;
  }
  case 'seed': {
    const option = (name: string) => {
      const i = args.indexOf(`--${name}`);
      return i >= 0 ? args[i + 1] : undefined;
    };
    const count = Number(option('cases'));
    const seedValue = Number(option('seed') ?? '1');
    if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seedValue)) {
      console.error(USAGE);
      process.exitCode = 2;
      break;
    }
    const config = loadConfig();
    if (config.env === 'production') {
      console.error('Refusing to seed synthetic cases with NODE_ENV=production.');
      process.exitCode = 2;
      break;
    }
    await withDb(async (db) => {
      const services = createServices(
        createServices({ config, db, now: () => new Date(), crypto: loadFieldCrypto(config).crypto }),
      );
      await seed(services, { demo: config.seedDemo });
      let lastPrint = 0;
      const result = await seedSyntheticCases(services, {
        count,
        seed: seedValue,
        append: true,
        onProgress: (p) => {
          if (p.cases < p.total && p.elapsedMs - lastPrint < 2000) return;
          lastPrint = p.elapsedMs;
          const rate = Math.round((p.cases / p.elapsedMs) * 1000);
          console.log(
            `  ${p.cases.toLocaleString('en')} / ${p.total.toLocaleString('en')} cases, ${p.persons.toLocaleString('en')} persons, ${(p.elapsedMs / 1000).toFixed(1)} s (${rate.toLocaleString('en')} cases/s)`,
          );
        },
      });
      console.log(
        `Seeded ${result.cases.toLocaleString('en')} synthetic cases and ${result.persons.toLocaleString('en')} persons in ${(result.elapsedMs / 1000).toFixed(1)} s (seed ${seedValue}).`,
      );
    });
    break;
  }
  case 'keys:add': {
    // A new encryption key goes first in the key file: new values use it, old ones still decrypt.
    const config = loadConfig();
    if (config.keys.encryptionKeys) {
      console.error('Keys come from ENCRYPTION_KEYS: put a new id:key first in that variable instead.');
      process.exitCode = 2;
      break;
    }
    const file = readKeyFile(config.keys.keyFile);
    const id = `k${Date.now().toString(36)}`;
    writeKeyFile(config.keys.keyFile, { ...file, keys: [{ id, key: newKeyMaterial() }, ...file.keys] });
    console.log(
      `Added key ${id} to ${config.keys.keyFile}. Restart the servers, then run: npm run cli -- keys:rotate`,
    );
    break;
  }
  case 'keys:rotate': {
    const config = loadConfig();
    const { crypto } = loadFieldCrypto(config);
    const total = await withDb((db) =>
      rotateEncryptedFields(db, crypto, (p) =>
        console.log(`  ${p.table}.${p.column}: ${p.rewritten} re-encrypted`),
      ),
    );
    console.log(
      `Re-encrypted ${total} values under key ${crypto.currentKeyId}. Older keys can now be removed.`,
    );
    break;
  }
  case 'files:keys-add': {
    const config = loadConfig();
    if (config.keys.fileMasterKeys) {
      console.error(
        'File master keys come from FILE_MASTER_KEYS: put a new id:key first in that variable instead.',
      );
      process.exitCode = 2;
      break;
    }
    const id = addFileMasterKey(config.keys.keyFile);
    console.log(
      `Added file master key ${id} to ${config.keys.keyFile}. Restart the servers, then run: npm run cli -- files:rewrap`,
    );
    break;
  }
  case 'files:rewrap': {
    const config = loadConfig();
    const { keyring } = loadFileKeyring(config);
    const count = await withDb((db) => rewrapDocumentKeys(db, keyring));
    console.log(
      `Re-wrapped ${count} file keys under master key ${keyring.currentKeyId}. Older master keys can now be removed.`,
    );
    break;
  }
  case 'totp-code': {
    console.log(totpCode(args[0] ?? DEMO_TOTP_SECRET, Date.now()));
    break;
  }
  default:
    console.error(USAGE);
    process.exitCode = command ? 2 : 0;
}
