import type { Config } from '../../config.js';
import { LocalStorage } from './local-storage.js';
import { S3Storage } from './s3-storage.js';
import type { ObjectStorage } from './storage.js';

export { LocalStorage } from './local-storage.js';
export { S3Storage, type S3StorageOptions } from './s3-storage.js';
export * from './storage.js';

/** The storage that `STORAGE_DRIVER` chooses. Creating it touches neither the disk nor the network. */
export function createStorage(config: Pick<Config, 'storage'>): ObjectStorage {
  const { storage } = config;
  if (storage.driver === 's3') {
    // loadConfig refuses STORAGE_DRIVER=s3 without S3_BUCKET, so this only guards hand-made configs.
    if (!storage.s3) throw new Error('STORAGE_DRIVER is s3 but S3_BUCKET is not set');
    return new S3Storage(storage.s3);
  }
  return new LocalStorage(storage.dir);
}
