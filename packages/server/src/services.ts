import type { Config } from './config.js';
import type { Database } from './db/create-db.js';
import { subscribeWorkflow } from './features/workflow/index.js';
import { EventBus } from './lib/events.js';
import type { FieldCrypto } from './lib/field-crypto.js';

/** What every feature service needs; passed in, never imported as a singleton. */
export interface Services {
  config: Config;
  db: Database;
  /** The clock, so tests can move time (session timeouts, lockouts, TOTP steps). */
  now: () => Date;
  /** Encrypts sensitive fields and computes their blind indexes. */
  crypto: FieldCrypto;
  /** How features tell each other what happened (lib/events.ts); wired here, once. */
  events: EventBus;
}

/**
 * The composition root of the features' side effects: builds the services and subscribes each
 * feature to the events it reacts to. Every process (server, CLI, tests, benches) builds its
 * services here, so a subscription cannot be forgotten in one of them.
 */
export function createServices(base: Omit<Services, 'events'>): Services {
  const events = new EventBus();
  subscribeWorkflow(events);
  return { ...base, events };
}
