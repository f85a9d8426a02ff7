// The DOM tier's set-up: the app's i18n (English and Arabic, as the app loads it), a fake
// network (MSW) that refuses any request a test did not expect, and a clean page per test.
import { cleanup } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { i18n } from '../../src/i18n';
import { server } from './network';

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  // The app loads one language at a time; the tests switch between both.
  await i18n.loadLanguages(['en', 'ar']);
});
beforeEach(async () => {
  await i18n.changeLanguage('en');
});
afterEach(() => {
  cleanup();
  server.resetHandlers();
});
afterAll(() => server.close());
