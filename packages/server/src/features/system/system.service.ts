import { AppError } from '../../lib/app-error.js';
import type { Services } from '../../services.js';
import { pingDatabase } from './system.repository.js';

/** Ready when the database answers; NOT_READY (503) otherwise. */
export async function checkReady(services: Services): Promise<{ status: 'ready' }> {
  try {
    await pingDatabase(services.db);
  } catch {
    throw new AppError('NOT_READY', 'The database is not reachable');
  }
  return { status: 'ready' };
}
