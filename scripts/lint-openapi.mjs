// Writes the API's OpenAPI document to a temporary file (the app built on an empty in-memory
// database) and lints it with Redocly's recommended rules (redocly.yaml). Fails on any error.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'opennrm-openapi-'));
const file = path.join(dir, 'openapi.json');
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
const run = (args) =>
  spawnSync('npx', ['--no-install', ...args], { cwd: root, env, stdio: 'inherit' }).status ?? 1;
try {
  let status = run(['tsx', 'packages/server/src/openapi-document.ts', file]);
  if (status === 0) status = run(['redocly', 'lint', file, '--config', path.join(root, 'redocly.yaml')]);
  process.exitCode = status;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
