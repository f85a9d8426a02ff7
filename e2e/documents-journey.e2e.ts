import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  confirmTraffickingScreening,
  launchChromium,
  type RunningServer,
  readyForLabourInspection,
  screenshot,
  seriousA11yViolations,
  apiSession as sharedApiSession,
  signInPage,
  startServer,
} from './support.js';

const require = createRequire(import.meta.url);
const ar = require('../packages/web/src/i18n/ar.json') as Record<string, Record<string, unknown>>;
/** An Arabic interface text by its translation key. */
function arText(path: string): string {
  const value = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], ar);
  if (typeof value !== 'string') throw new Error(`no Arabic text at ${path}`);
  return value;
}

// ---------- Files made in the test ----------

/** A one-page PDF with a line of text, with a correct cross-reference table. */
function makePdf(text: string): Buffer {
  const stream = `BT /F1 24 Tf 72 760 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * An RGB PNG: a dark band over a light "page", in random grain that does not compress, so a
 * large picture is really large (2400 × 2000 is about 10 MB: two upload chunks of 8 MiB).
 */
function makePng(width: number, height: number): Buffer {
  const row = width * 3 + 1;
  const raw = Buffer.alloc(row * height);
  const noise = randomBytes(width * height * 3);
  for (let y = 0; y < height; y++) {
    const base = y < height * 0.22 ? 30 : 190;
    for (let i = 0; i < width * 3; i++) raw[y * row + 1 + i] = base + ((noise[y * width * 3 + i] ?? 0) % 48);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', zlib.deflateSync(raw, { level: 1 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

const PDF = makePdf('Employment contract - Maricel Dela Cruz - signed 2026-01-15');
const PDF_V2 = makePdf('Employment contract - Maricel Dela Cruz - with the annex');
const PNG = makePng(2400, 2000);
const PNG_V2 = makePng(2400, 2000);
/** The second chunk of an upload: refused while the test "drops the connection". */
const SECOND_CHUNK = /\/api\/uploads\/[^/]+\/chunks\/1$/;

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let caseId = '';

const apiSession = (username: string) => sharedApiSession(server, username);

/**
 * A screened case referred to the Labour Inspection Directorate, made through the API by the
 * supervisor (the case manager signs in with the browser: one TOTP code per user and period).
 */
async function seedCase() {
  const nrm = await apiSession('supervisor');
  const created = await nrm.post('/api/cases', {
    intakeKind: 'walk_in',
    channel: 'walk_in',
    person: {
      nameLatin: 'Maricel Dela Cruz',
      sex: 'female',
      dateOfBirth: '1994-03-12',
      nationality: 'PH',
      languages: ['tl', 'en'],
      workPermitType: 'domestic_worker',
    },
    duplicateCheck: 'new_person_confirmed',
    narrative: 'Employer keeps her passport; salary unpaid for four months.',
  });
  caseId = created.id as string;
  await confirmTraffickingScreening(nrm, caseId, ['recruitment']);
  const inspection = await readyForLabourInspection(nrm, caseId);
  await nrm.post(`/api/cases/${caseId}/referrals`, {
    organisationId: inspection.id,
    purpose: 'inspection',
    message: 'Please inspect the employer.',
    sharedSections: ['person'],
  });
}

const signIn = (target: Page, username: string) => signInPage(target, server, username);

/** The list item of a document, found by its title. */
const documentItem = (target: Page, title: string) =>
  target.getByRole('listitem').filter({ has: target.getByRole('heading', { name: title, exact: true }) });

beforeAll(async () => {
  server = await startServer();
  await seedCase();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('documents journey', () => {
  it('a case manager drops a file of a kind that cannot be stored, and is told so before sending it', async () => {
    await signIn(page, 'casemanager');
    await page.goto(`${server.url}/cases/${caseId}/documents`);
    await page.getByRole('heading', { name: 'Documents', exact: true }).waitFor();
    await page.getByText('No documents yet.').waitFor();
    const zone = page.getByRole('region', { name: 'Drag and drop files here' });
    const dataTransfer = await page.evaluateHandle(() => {
      const data = new DataTransfer();
      data.items.add(new File(['MZ'], 'setup.exe', { type: 'application/octet-stream' }));
      return data;
    });
    await zone.dispatchEvent('dragenter', { dataTransfer });
    await zone.dispatchEvent('drop', { dataTransfer });
    await page.getByText('This kind of file cannot be stored.').waitFor();
    await page.getByRole('button', { name: 'Remove setup.exe' }).click();
    await expect(page.getByText('This kind of file cannot be stored.').count()).resolves.toBe(0);
  });

  it('uploads two files at once, with progress that goes on after a dropped connection', async () => {
    // The photo is two chunks: its second is refused until the connection "comes back".
    await page.route(SECOND_CHUNK, (route) => route.abort('internetdisconnected'));
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose files' }).click();
    await (await chooser).setFiles([
      { name: 'Employment contract.pdf', mimeType: 'application/pdf', buffer: PDF },
      { name: 'Passport photo page.png', mimeType: 'image/png', buffer: PNG },
    ]);
    await page.getByRole('heading', { name: 'Describe the 2 files before uploading them' }).waitFor();
    // The title defaults to the file's name; the type must be chosen.
    await expect(page.getByLabel('Title').nth(0).inputValue()).resolves.toBe('Employment contract');
    await page.getByRole('button', { name: 'Upload 2 files' }).click();
    await page.getByRole('link', { name: 'Employment contract.pdf: choose the type of document' }).waitFor();
    await page.getByLabel('Type of document').nth(0).selectOption('employment_contract');
    await page.getByLabel('Type of document').nth(1).selectOption('passport_or_id');
    await page.getByLabel('Date on the document').nth(0).fill('2026-01-15');
    await page.getByLabel('Language of the document').nth(0).selectOption('en');
    await page.getByRole('button', { name: 'Upload 2 files' }).click();

    const photo = page.getByRole('progressbar', { name: /Passport photo page/ });
    await page.getByText(/The connection dropped\. Trying again in/).waitFor();
    const shown = (await photo.getAttribute('aria-valuetext')) ?? '';
    const percent = Number(/\((\d+)\s*%\)/.exec(shown)?.[1]);
    expect(percent).toBeGreaterThan(50);
    expect(percent).toBeLessThan(100);
    await screenshot(page, '41-documents-uploading-en');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.unroute(SECOND_CHUNK);
    await expect
      .poll(() => page.getByText('The document is in the list below.').count(), { timeout: 60_000 })
      .toBe(2);
    await page.getByText('2 documents.').waitFor();
    const contract = documentItem(page, 'Employment contract');
    await contract.getByText('Employment contract', { exact: true }).first().waitFor();
    await contract.getByText('English').waitFor();
    await documentItem(page, 'Passport photo page').getByText('Passport or ID copy').waitFor();
    await page.getByRole('button', { name: 'Clear finished uploads' }).click();
    await screenshot(page, '42-documents-list-en');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('views the PDF in the page and downloads it', async () => {
    const contract = documentItem(page, 'Employment contract');
    await contract.getByRole('button', { name: 'View Employment contract' }).click();
    const dialog = page.getByRole('dialog', { name: 'Employment contract' });
    const frame = dialog.locator('iframe');
    const src = (await frame.getAttribute('src')) ?? '';
    expect(src).toContain('inline=true');
    const content = await page.request.get(`${server.url}${src}`);
    expect(content.headers()['content-type']).toBe('application/pdf');
    expect(content.headers()['content-disposition']).toMatch(/^inline;/);
    expect(Buffer.from(await content.body()).equals(PDF)).toBe(true);
    await page.waitForTimeout(1500); // the browser's PDF viewer draws the page
    await screenshot(page, '43-documents-viewer-pdf-en');
    await dialog.getByRole('button', { name: 'Close' }).click();

    const download = page.waitForEvent('download');
    await contract.getByRole('link', { name: 'Download Employment contract' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('Employment contract.pdf');
    expect((await readFile(await file.path())).equals(PDF)).toBe(true);
  });

  it('exports the dossier, follows its progress and downloads the ZIP', async () => {
    await page.getByRole('button', { name: 'Export the dossier' }).click();
    const link = page.getByRole('link', { name: 'Download the dossier (ZIP)' });
    await link.waitFor({ timeout: 60_000 });
    await screenshot(page, '43b-documents-dossier-ready-en');
    const download = page.waitForEvent('download');
    await link.click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^dossier-NRM-\d{4}-\d{6}\.zip$/);
    const zip = await readFile(await file.path());
    // A ZIP (local file header) holding the index, the summary and the documents.
    expect(zip.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    for (const name of ['index.csv', 'summary.pdf', 'documents/'])
      expect(zip.includes(Buffer.from(name))).toBe(true);
  });

  it('shares the contract with the labour inspection and adds a new version', async () => {
    const contract = documentItem(page, 'Employment contract');
    await contract.getByRole('button', { name: 'Edit details and sharing Employment contract' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit the document' });
    await dialog.getByLabel('Labour Inspection Directorate').check();
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved the changes to Employment contract.').waitFor();
    await contract.getByText('Shared: Labour Inspection Directorate').waitFor();

    const chooser = page.waitForEvent('filechooser');
    await contract.getByRole('button', { name: 'Upload a new version Employment contract' }).click();
    await (await chooser).setFiles({
      name: 'Employment contract with annex.pdf',
      mimeType: 'application/pdf',
      buffer: PDF_V2,
    });
    await contract.getByText('This is now the current version.').waitFor();
    await contract.getByText('Version history (2 versions)').click();
    await contract.getByRole('cell', { name: 'Employment contract with annex.pdf' }).waitFor();
    await contract.getByRole('link', { name: 'Download v1' }).waitFor();
    await screenshot(page, '44-documents-history-en');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('in Arabic: a new version of the photo is interrupted by a reload, and resumed', async () => {
    await page.getByLabel('Language').first().selectOption({ label: 'العربية' });
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    // A file on disk keeps its modification time, by which the browser recognises it again.
    const folder = await mkdtemp(path.join(os.tmpdir(), 'opennrm-docs-'));
    const photoFile = path.join(folder, 'Passport photo page.png');
    await writeFile(photoFile, PNG_V2);
    await page.route(SECOND_CHUNK, (route) => route.abort('internetdisconnected'));
    const photo = documentItem(page, 'Passport photo page');
    const chooser = page.waitForEvent('filechooser');
    await photo
      .getByRole('button', { name: `${arText('documents.actions.newVersion')} Passport photo page` })
      .click();
    await (await chooser).setFiles(photoFile);
    await photo.getByText(arText('documents.upload.phases.retrying'), { exact: true }).waitFor();
    await screenshot(page, '45-documents-uploading-ar');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Leaving the page asks first; the upload stops, and is offered again after the reload.
    const leaving = new Promise<string>((resolve) =>
      page.once('dialog', (dialog) => {
        resolve(dialog.type());
        void dialog.accept();
      }),
    );
    await page.reload();
    expect(await leaving).toBe('beforeunload');
    await page.unroute(SECOND_CHUNK);
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    const interrupted = page.getByRole('region', { name: arText('documents.resume.title_one') });
    await interrupted.waitFor();
    await screenshot(page, '46-documents-interrupted-ar');
    expect(await seriousA11yViolations(page)).toEqual([]);
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PUT') sent.push(new URL(request.url()).pathname.split('/').pop() ?? '');
    });
    const again = page.waitForEvent('filechooser');
    await interrupted
      .getByRole('button', { name: new RegExp(arText('documents.resume.chooseAgain')) })
      .click();
    await (await again).setFiles(photoFile);
    await photo.getByText(arText('documents.upload.versionDoneHint')).waitFor({ timeout: 60_000 });
    // Only the chunk the server did not have was sent again.
    expect(sent).toEqual(['1']);
    await photo.getByText(arText('documents.history.summary_two')).waitFor();
    await rm(folder, { recursive: true, force: true });
    await screenshot(page, '47-documents-list-ar');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('in Arabic: views the photo', async () => {
    const photo = documentItem(page, 'Passport photo page');
    await photo
      .getByRole('button', { name: `${arText('documents.actions.view')} Passport photo page` })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Passport photo page' });
    const image = dialog.getByRole('img', { name: 'Passport photo page' });
    await image.waitFor();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2400);
    await screenshot(page, '48-documents-viewer-image-ar');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: arText('documents.viewer.close') }).click();
  });

  it('the labour inspection sees only the document shared with it', async () => {
    const agency = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const agencyPage = await agency.newPage();
    agencyPage.setDefaultTimeout(20_000);
    await signIn(agencyPage, 'focalpoint');
    await agencyPage.goto(`${server.url}/cases/${caseId}/documents`);
    await agencyPage.getByText('1 document.').waitFor();
    await documentItem(agencyPage, 'Employment contract').waitFor();
    expect(await agencyPage.getByRole('heading', { name: 'Passport photo page' }).count()).toBe(0);
    // Sharing is the NRM's decision: the agency has no edit or delete.
    expect(await agencyPage.getByRole('button', { name: /^Edit details and sharing/ }).count()).toBe(0);
    await screenshot(agencyPage, '49-documents-agency-en');
    expect(await seriousA11yViolations(agencyPage)).toEqual([]);
    await agency.close();
  });
});
