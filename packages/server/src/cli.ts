import path from 'node:path';
import { Username } from '@opennrm/domain';
import { loadConfig } from './config.js';
import { createDb } from './db/create-db.js';
import { migrateToLatest } from './db/migrate.js';
import { verifyAuditChain } from './features/audit/audit.service.js';
import { createUser } from './features/users/users.service.js';
import { totpCode } from './lib/totp.js';
import { DEMO_TOTP_SECRET } from './seed.js';

const USAGE = `Usage: npm run cli -- <command>
  audit:verify              check the audit trail's hash chain; exit 1 and name the first broken row
  migrate                   apply pending database migrations
  create-admin <username>   create an administrator in the coordinator organisation;
                            reads the temporary password from OPENNRM_ADMIN_PASSWORD
  totp-code [secret]        print the current code for a TOTP secret (default: the demo secret)`;

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
    const result = await withDb((db) => verifyAuditChain(db));
    if (result.ok) {
      console.log(`Audit trail intact: ${result.checked} rows checked.`);
    } else {
      console.error(
        `Audit trail BROKEN at row ${result.firstBrokenId} (${result.reason}); ${result.checked} rows before it are intact.`,
      );
      process.exitCode = 1;
    }
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
      const coordinator = await db
        .selectFrom('organisations')
        .select('id')
        .where('kind', '=', 'coordinator')
        .executeTakeFirst();
      if (!coordinator)
        throw new Error('No coordinator organisation: start the server once to seed organisations.');
      const config = loadConfig();
      const user = await createUser(
        { config, db, now: () => new Date() },
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
  case 'totp-code': {
    console.log(totpCode(args[0] ?? DEMO_TOTP_SECRET, Date.now()));
    break;
  }
  default:
    console.error(USAGE);
    process.exitCode = command ? 2 : 0;
}
