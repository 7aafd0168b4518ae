/**
 * The officer's path through the real app: web server as a child process, built renderer,
 * headless chromium. Create a case, ingest a PDF and a TIFF, inspect pages in the viewer,
 * survive a server restart, drop a corrupt file and see its error without losing the app, switch
 * to Korean, and meet the "open the printed link" page without a token.
 * Screenshots of each main screen go to test-artifacts/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeCorruptPdf, makeEncryptedPdf, makePdf, makeTiff } from './fixtures.ts';
import {
  type Browser,
  DeskServer,
  type DeskSession,
  hasChromium,
  imagesLoaded,
  openDeskSession,
  screenshot,
} from './harness.ts';

const WAIT = 90_000;


async function zoomValue(page: Page): Promise<number> {
  const text = (await page.getByTestId('zoom-readout').textContent()) ?? '';
  const m = /(\d+)%/.exec(text);
  if (!m) throw new Error(`zoom readout has no percentage: "${text}"`);
  return Number(m[1]);
}

/** Waits until the readout differs from `before` (it is written on the next animation frame). */
async function zoomChangedFrom(page: Page, before: number): Promise<number> {
  await expect.poll(() => zoomValue(page), { timeout: 5_000 }).not.toBe(before);
  return zoomValue(page);
}


describe.skipIf(!hasChromium)('OriginDesk desk UI (web mode, chromium)', () => {
  let session: DeskSession | undefined;
  let dataDir = '';
  let server: DeskServer;
  let browser: Browser;
  let page: Page;
  const declarationNo = 'E2E-2026-000123';

  beforeAll(async () => {
    session = await openDeskSession({ name: 'e2e', waitMs: WAIT });
    ({ dataDir, server, browser, page } = session);
  });

  afterAll(() => session?.close());

  it('creates a case, ingests a PDF and a TIFF, and shows all pages', async () => {
    await page.goto(server.url);
    // The token URL is swapped for a cookie and the address bar drops the token.
    await expect.poll(() => new URL(page.url()).search).toBe('');
    await page.getByTestId('case-list').waitFor();
    await page.getByTestId('case-list-empty').waitFor();
    await expect.poll(() => page.getByTestId('desk-info').textContent()).toContain(dataDir);

    // Required fields are checked before anything is sent.
    await page.getByTestId('new-case-button').click();
    const form = page.getByTestId('new-case-form');
    await form.waitFor();
    expect(await page.getByTestId('case-form-date').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await page.getByTestId('case-form-submit').click();
    await page.getByTestId('case-form-error-declarationNo').waitFor();
    await page.getByTestId('case-form-error-port').waitFor();
    await screenshot(page, 'new-case-form');

    await page.getByTestId('case-form-declarationNo').fill(declarationNo);
    await page.getByTestId('case-form-port').fill('Busan New Port (KRPUS)');
    await page.getByTestId('case-form-notes').fill('Steel fasteners, Form E claimed. E2E run.');
    await page.getByTestId('case-form-submit').click();
    await page.getByTestId('case-view').waitFor();
    expect(await page.getByTestId('case-title').textContent()).toContain(declarationNo);
    await page.getByTestId('case-item').filter({ hasText: declarationNo }).waitFor();

    const [pdf, tiff] = await Promise.all([makePdf(3), makeTiff()]);
    await page.getByTestId('add-documents-input').setInputFiles([
      { name: 'certificate-of-origin.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) },
      { name: 'packing-list-scan.tiff', mimeType: 'image/tiff', buffer: tiff },
    ]);

    await expect.poll(() => page.getByTestId('thumbnail').count(), { timeout: WAIT }).toBe(5);
    await expect
      .poll(() => page.locator('[data-testid="document-row"][data-status="ready"]').count(), { timeout: WAIT })
      .toBe(2);
    const rows = page.getByTestId('document-row');
    expect(await rows.nth(0).getByTestId('document-type').textContent()).toBe('PDF');
    expect(await rows.nth(1).getByTestId('document-type').textContent()).toBe('TIFF');
    expect(await rows.nth(0).getByTestId('thumbnail').count()).toBe(3);
    expect(await rows.nth(1).getByTestId('thumbnail').count()).toBe(2);
    await imagesLoaded(page.locator('[data-testid="thumbnail"] img'), WAIT);

    // Uploading the same file again adds nothing and says so.
    await page.getByTestId('add-documents-input').setInputFiles([
      { name: 'certificate-of-origin.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) },
    ]);
    const notice = page.getByTestId('toast-info').first();
    await notice.waitFor();
    expect(await notice.textContent()).toContain('already in this case');
    expect(await page.getByTestId('document-row').count()).toBe(2);
    await notice.getByRole('button').click();
    await notice.waitFor({ state: 'detached' });

    // The kind is stored (checked again after the restart).
    await rows.nth(0).getByTestId('document-kind').selectOption('certificate_of_origin');
    await expect.poll(() => rows.nth(0).getByTestId('document-kind').isEnabled()).toBe(true);
    await page.mouse.move(5, 5);
    await screenshot(page, 'case-view-thumbnails');
  });

  it('opens the viewer, zooms with buttons, keys and wheel, pages and rotates', async () => {
    await page.getByTestId('thumbnail').first().click();
    const viewer = page.getByTestId('viewer');
    await viewer.waitFor();
    await imagesLoaded(page.getByTestId('viewer-image'), WAIT);
    expect(await page.getByTestId('viewer-position').textContent()).toBe('1 / 5');
    const info = (await page.getByTestId('viewer-info').textContent()) ?? '';
    expect(info).toMatch(/\d+ × \d+ px/);
    expect(info).toMatch(/\d+ dpi/);

    const fitted = await zoomValue(page);
    expect(fitted).toBeGreaterThan(0);
    await page.getByTestId('viewer-zoom-in').click();
    const afterButton = await zoomChangedFrom(page, fitted);
    expect(afterButton).toBeGreaterThan(fitted);
    await page.keyboard.press('+');
    const afterKey = await zoomChangedFrom(page, afterButton);
    expect(afterKey).toBeGreaterThan(afterButton);
    await page.keyboard.press('-');
    expect(await zoomChangedFrom(page, afterKey)).toBeLessThan(afterKey);

    // Wheel zoom around the pointer, then back to a fitted page with `0`, then 100 % with `1`.
    const box = await page.getByTestId('viewer-viewport').boundingBox();
    if (!box) throw new Error('viewer viewport has no box');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 3);
    const beforeWheel = await zoomValue(page);
    await page.mouse.wheel(0, -300);
    expect(await zoomChangedFrom(page, beforeWheel)).toBeGreaterThan(beforeWheel);
    await page.keyboard.press('0');
    await expect.poll(() => zoomValue(page)).toBe(fitted);
    await page.keyboard.press('1');
    await expect.poll(() => zoomValue(page)).toBe(100);

    // Drag pans: the single transform's translate part changes, scale stays.
    const stage = page.locator('.viewer-stage');
    const beforeDrag = await stage.evaluate((el) => (el as HTMLElement).style.transform);
    await page.mouse.move(box.x + 400, box.y + 300);
    await page.mouse.down();
    await page.mouse.move(box.x + 250, box.y + 150, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => stage.evaluate((el) => (el as HTMLElement).style.transform)).not.toBe(beforeDrag);
    const transform = await stage.evaluate((el) => (el as HTMLElement).style.transform);
    expect(transform).toMatch(/^translate\(.+\) scale\(1(\.0+)?\) rotate\(0deg\)$/);

    // Fit width, then wheel in on the heading: the point under the pointer stays put.
    await page.keyboard.press('w');
    const fitWidth = await zoomChangedFrom(page, 100);
    await page.mouse.move(box.x + 120, box.y + 90);
    await page.mouse.wheel(0, -120);
    expect(await zoomChangedFrom(page, fitWidth)).toBeGreaterThan(fitWidth);
    await page.mouse.move(box.x + box.width - 5, box.y + box.height - 5);
    await screenshot(page, 'viewer-zoomed');

    // Rotate right with the key; the strip thumbnail follows and the rotation is stored.
    await page.keyboard.press('r');
    await expect.poll(() => stage.evaluate((el) => (el as HTMLElement).style.transform)).toContain('rotate(90deg)');
    const firstStrip = page.getByTestId('viewer-strip-thumb').first();
    await expect.poll(() => firstStrip.getAttribute('data-rotation')).toBe('90');
    await page.getByTestId('viewer-rotate-right').click();
    await page.getByTestId('viewer-rotate-left').click();
    await expect.poll(() => firstStrip.getAttribute('data-rotation')).toBe('90');

    // Paging across documents: the 4th page of the case is the TIFF's first.
    await page.keyboard.press('PageDown');
    await page.keyboard.press('n');
    await page.keyboard.press('n');
    expect(await page.getByTestId('viewer-position').textContent()).toBe('4 / 5');
    expect(await page.getByTestId('viewer-title').textContent()).toContain('packing-list-scan.tiff');
    await page.keyboard.press('p');
    expect(await page.getByTestId('viewer-position').textContent()).toBe('3 / 5');

    await page.keyboard.press('?');
    await page.getByTestId('shortcut-help').waitFor();
    await screenshot(page, 'viewer-shortcuts');
    await page.keyboard.press('Escape');
    await page.getByTestId('shortcut-help').waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
    expect(await page.getByTestId('thumbnail').first().getAttribute('data-rotation')).toBe('90');
  });

  it('finds the case, its pages and the rotation again after a server restart', async () => {
    const url = await server.restart();
    await page.goto(url);
    const item = page.getByTestId('case-item').filter({ hasText: declarationNo });
    await item.waitFor();
    expect(await item.textContent()).toContain('5 pages');
    await page.getByTestId('case-search').fill('000123');
    await expect.poll(() => page.getByTestId('case-item').count()).toBe(1);
    await item.click();
    await expect.poll(() => page.getByTestId('thumbnail').count(), { timeout: WAIT }).toBe(5);
    await imagesLoaded(page.locator('[data-testid="thumbnail"] img'), WAIT);
    expect(await page.getByTestId('thumbnail').first().getAttribute('data-rotation')).toBe('90');
    expect(await page.getByTestId('document-kind').first().inputValue()).toBe('certificate_of_origin');
    await page.getByTestId('case-search').fill('');
    await expect.poll(() => page.getByTestId('case-list-empty').count()).toBe(0);

    // Case fields are editable in place.
    await page.getByTestId('edit-case-button').click();
    await page.getByTestId('case-form-port').fill('Busan North Port (KRPUS)');
    await page.getByTestId('case-form-submit').click();
    await page.getByTestId('case-header').waitFor();
    await expect.poll(() => page.getByTestId('case-port').textContent()).toBe('Busan North Port (KRPUS)');
    await expect.poll(() => page.getByTestId('case-item').filter({ hasText: declarationNo }).textContent()).toContain('Busan North Port');
  });

  it('shows a corrupt file as a failed document and stays usable', async () => {
    // Dropped, not picked: a synthetic drag carrying the file onto the case view.
    const corrupt = Buffer.from(await makeCorruptPdf()).toString('base64');
    const transfer = await page.evaluateHandle((b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'broken-invoice.pdf', { type: 'application/pdf' }));
      return dt;
    }, corrupt);
    const zone = page.getByTestId('drop-zone');
    await zone.dispatchEvent('dragenter', { dataTransfer: transfer });
    await page.getByTestId('drop-overlay').waitFor();
    await screenshot(page, 'drop-overlay');
    await zone.dispatchEvent('dragover', { dataTransfer: transfer });
    await zone.dispatchEvent('drop', { dataTransfer: transfer });
    await page.getByTestId('drop-overlay').waitFor({ state: 'detached' });
    const broken = page.getByTestId('document-row').filter({ hasText: 'broken-invoice.pdf' });
    await broken.waitFor();
    await expect.poll(() => broken.getAttribute('data-status'), { timeout: WAIT }).toBe('failed');
    const error = broken.getByTestId('document-error');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('corrupt_file');
    expect(await error.textContent()).toContain('damaged');
    await broken.getByTestId('document-retry').waitFor();
    await page.mouse.move(5, 5);
    await screenshot(page, 'error-shown');

    // The app carries on: another case can be created and opened.
    await page.getByTestId('new-case-button').click();
    await page.getByTestId('case-form-declarationNo').fill('E2E-2026-000124');
    await page.getByTestId('case-form-port').fill('Incheon (KRINC)');
    await page.getByTestId('case-form-submit').click();
    await page.getByTestId('case-view').waitFor();
    expect(await page.getByTestId('case-title').textContent()).toContain('E2E-2026-000124');
    await expect.poll(() => page.getByTestId('case-item').count()).toBe(2);
    await page.getByTestId('case-item').filter({ hasText: declarationNo }).click();
    await expect.poll(() => page.getByTestId('thumbnail').count()).toBe(5);
    await page.mouse.move(5, 5);
    await screenshot(page, 'case-list');
  });

  it('asks for the password of a protected PDF, rejects a wrong one and unlocks', async () => {
    await page.getByTestId('add-documents-input').setInputFiles([
      { name: 'protected-certificate.pdf', mimeType: 'application/pdf', buffer: Buffer.from(makeEncryptedPdf('s3cret')) },
    ]);
    const row = page.getByTestId('document-row').filter({ hasText: 'protected-certificate.pdf' });
    await row.waitFor();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: WAIT }).toBe('needs_password');

    await row.getByTestId('document-password').fill('wrong-guess');
    await row.getByTestId('document-unlock-button').click();
    await row.getByTestId('document-password-error').waitFor();
    expect(await row.getByTestId('document-password-error').textContent()).toContain('Wrong password');
    await page.mouse.move(5, 5);
    await screenshot(page, 'password-needed');

    await row.getByTestId('document-password').fill('s3cret');
    await row.getByTestId('document-unlock-button').click();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: WAIT }).toBe('ready');
    await expect.poll(() => row.getByTestId('thumbnail').count(), { timeout: WAIT }).toBe(1);
  });

  it('switches to Korean, and the choice survives a reload', async () => {
    await page.getByTestId('lang-ko').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ko');
    expect(await page.getByTestId('add-documents-button').textContent()).toContain('문서 추가');
    expect(await page.getByTestId('new-case-button').textContent()).toContain('새 사건');
    const brokenError = page.getByTestId('document-row').filter({ hasText: 'broken-invoice.pdf' }).getByTestId('document-error');
    expect(await brokenError.textContent()).toContain('손상');
    await screenshot(page, 'korean-ui');

    await page.reload();
    await page.getByTestId('case-list').waitFor();
    expect(await page.getByTestId('new-case-button').textContent()).toContain('새 사건');
    await page.getByTestId('lang-en').click();
    expect(await page.getByTestId('new-case-button').textContent()).toContain('New case');
  });

  it('tells a browser without the token to open the printed link', async () => {
    await browser.context.clearCookies();
    await page.reload();
    await page.getByTestId('unauthorized').waitFor();
    expect(await page.getByTestId('unauthorized').textContent()).toContain('?token=');
    await screenshot(page, 'unauthorized');
    // No uncaught script errors anywhere along the way.
    expect(browser.errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  });
});
