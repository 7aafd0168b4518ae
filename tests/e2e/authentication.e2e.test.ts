/**
 * The examiner's C/O authentication path through the real app (web mode, demo case, headless
 * chromium): open the Form E certificate, see the stamps and signatures the desk found, draw and
 * remove a region, identify and verify the red seal against its issuing authority, compare in the
 * four modes (screenshots), record a verdict that survives a reload, export the inspection report
 * (a PDF) and open the specimen library. Screenshots go to test-artifacts/screenshots/auth-*.png.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import {
  type Browser,
  DeskServer,
  type DeskSession,
  hasChromium,
  imagesLoaded,
  openDeskSession,
  REPO_ROOT,
  screenshot,
} from './harness.ts';

const WAIT = 120_000;
const DEMO_DECLARATION = 'DEMO-2026-000417';
const FORM_E = '01-form-e-certificate-of-origin.pdf';
const BANDS = ['Consistent', 'Inconclusive', 'Inconsistent'];


describe.skipIf(!hasChromium)('C/O authentication (web mode, demo case, chromium)', () => {
  let session: DeskSession | undefined;
  let server: DeskServer;
  let browser: Browser;
  let page: Page;
  let sealId = '';
  let sealScore = -1;
  let ownerLabel = '';
  let ownerId = '';
  const note = 'Seal matches the Ningbo specimen sheet: ring text, emblem and diameter agree. E2E.';

  /** Opens the demo case and the authentication screen of the Form E certificate. */
  async function openAuthentication(): Promise<Locator> {
    await page.getByTestId('case-item').filter({ hasText: DEMO_DECLARATION }).click();
    await page.getByTestId('case-view').waitFor();
    const row = page.locator('[data-testid="document-row"][data-status="ready"]').filter({ hasText: FORM_E });
    await row.waitFor({ timeout: 240_000 });
    await row.getByTestId('document-authenticate').click();
    const auth = page.getByTestId('auth-screen');
    await auth.waitFor();
    // Detection runs on first open (progress from 'marks' events); wait until it settled.
    await expect.poll(() => auth.getByTestId('mark-card').count(), { timeout: 240_000 }).toBeGreaterThan(0);
    await auth.getByTestId('auth-detecting').waitFor({ state: 'detached', timeout: 240_000 });
    return auth;
  }

  beforeAll(async () => {
    session = await openDeskSession({ name: 'e2e-auth', waitMs: WAIT, serverArgs: ['--demo'], startTimeoutMs: 180_000 });
    ({ server, browser, page } = session);
  });

  afterAll(() => session?.close());

  it('finds the stamps and signatures of the Form E certificate and boxes them on the page', async () => {
    await page.goto(server.url);
    await page.getByTestId('case-list').waitFor();
    const auth = await openAuthentication();

    const cards = auth.getByTestId('mark-card');
    const stamps = auth.locator('[data-testid="mark-card"][data-kind="stamp"]');
    const signatures = auth.locator('[data-testid="mark-card"][data-kind="signature"]');
    expect(await stamps.count()).toBeGreaterThanOrEqual(2);
    expect(await signatures.count()).toBeGreaterThanOrEqual(1);
    // The red round seal and the blue rectangular stamp, told apart by their ink.
    expect(await auth.locator('[data-testid="mark-card"][data-kind="stamp"][data-ink="red"]').count()).toBeGreaterThanOrEqual(1);
    expect(await auth.locator('[data-testid="mark-card"][data-kind="stamp"][data-ink="blue"]').count()).toBeGreaterThanOrEqual(1);
    expect(await auth.getByTestId('auth-counts').textContent()).toMatch(/\d+ stamps · \d+ signatures/);

    // Every mark of the first page is boxed over it; crops came from marks.images.
    const onPageOne = await cards.evaluateAll((els) => els.filter((el) => el.textContent?.includes('Page 1')).length);
    await expect.poll(() => auth.getByTestId('mark-box').count()).toBe(onPageOne);
    await imagesLoaded(auth.getByTestId('mark-crop'), WAIT);
    expect(await auth.getByTestId('mark-crop').count()).toBe(await cards.count());
    await imagesLoaded(auth.getByTestId('auth-image'), WAIT);
    await page.mouse.move(5, 5);
    await screenshot(page, 'auth-marks');
    // A fresh desk renders, reads and scans the demo documents first: allow for a loaded 2-core machine.
  }, 480_000);

  it('adds a region drawn on the page as a signature, then removes it', async () => {
    const auth = page.getByTestId('auth-screen');
    const before = await auth.getByTestId('mark-card').count();
    await auth.getByTestId('auth-draw').click();
    await auth.getByTestId('auth-draw-hint').waitFor();
    const layer = auth.getByTestId('mark-draw-layer');
    const box = (await layer.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.45);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.42, box.y + box.height * 0.5, { steps: 6 });
    await page.mouse.up();
    await auth.getByTestId('auth-pending').waitFor();
    await auth.getByTestId('auth-pending-signature').click();
    await expect.poll(() => auth.getByTestId('mark-card').count()).toBe(before + 1);
    const detail = auth.getByTestId('mark-detail');
    const added = await detail.getAttribute('data-mark-id');
    expect(await auth.locator(`[data-testid="mark-card"][data-mark-id="${added}"]`).getAttribute('data-kind')).toBe('signature');
    expect(await detail.textContent()).toContain('Drawn by the examiner');
    await detail.getByTestId('mark-remove').click();
    await detail.getByTestId('mark-remove-confirm').click();
    await expect.poll(() => auth.getByTestId('mark-card').count()).toBe(before);
    expect(await auth.locator(`[data-testid="mark-card"][data-mark-id="${added}"]`).count()).toBe(0);
  });

  it('identifies the red seal and verifies it against its issuing authority', async () => {
    const auth = page.getByTestId('auth-screen');
    const seal = auth.locator('[data-testid="mark-card"][data-kind="stamp"][data-ink="red"]').first();
    sealId = (await seal.getAttribute('data-mark-id'))!;
    await seal.click();
    const detail = auth.locator(`[data-testid="mark-detail"][data-mark-id="${sealId}"]`);
    await detail.waitFor();

    await detail.getByTestId('identify-button').click();
    const candidates = detail.getByTestId('identify-candidate');
    await candidates.first().waitFor();
    const top = (await candidates.first().textContent()) ?? '';
    expect(top).toContain('Ningbo');

    // Verify against the top candidate (the seal's issuing authority).
    await candidates.first().getByTestId('identify-verify').click();
    const result = detail.getByTestId('verification-result');
    await result.waitFor();
    await expect.poll(() => detail.getByTestId('verify-button').isEnabled()).toBe(true);
    expect(await result.getAttribute('data-outcome')).toBe('scored');
    sealScore = Number(await result.getByTestId('verification-score').textContent());
    expect(sealScore).toBeGreaterThanOrEqual(0);
    expect(sealScore).toBeLessThanOrEqual(100);
    const band = result.getByTestId('verification-band');
    expect(BANDS).toContain((await band.textContent())?.trim());
    ownerLabel = ((await result.getByTestId('verification-owner').textContent()) ?? '').trim();
    expect(ownerLabel).toContain('Ningbo');
    ownerId = (await result.getAttribute('data-owner-id'))!;
    // Scored: the measures behind the score are listed with their pull on it.
    expect(await result.getByTestId('verification-measures').locator('tbody tr').count()).toBeGreaterThan(0);
    // The reasons read in the examiner's language.
    const reasons = result.getByTestId('verification-reasons');
    expect(await reasons.textContent()).toMatch(/[a-z]{4}/);
    await page.getByTestId('lang-ko').click();
    await expect.poll(async () => (await reasons.locator('li').first().textContent()) ?? '').toMatch(/[가-힣]/);
    await page.getByTestId('lang-en').click();
    await expect.poll(async () => (await reasons.locator('li').first().textContent()) ?? '').not.toMatch(/[가-힣]/);
    // The list shows the latest score on the seal's card.
    await expect
      .poll(() => auth.locator(`[data-testid="mark-card"][data-mark-id="${sealId}"] [data-testid="mark-latest"]`).textContent())
      .toContain(`${sealScore}%`);
    await page.mouse.move(5, 5);
    await screenshot(page, 'auth-verification');
  });

  it('compares the seal with the specimen side by side, overlaid, blinking and as a difference', async () => {
    const detail = page.locator(`[data-testid="mark-detail"][data-mark-id="${sealId}"]`);
    await detail.getByTestId('open-compare').click();
    const compare = page.getByTestId('compare-view');
    await compare.waitFor();
    expect(await compare.getByTestId('compare-score').textContent()).toBe(String(sealScore));

    const modes = [
      { key: '1', mode: 'side', panes: 2 },
      { key: '2', mode: 'overlay', panes: 1 },
      { key: '3', mode: 'blink', panes: 1 },
      { key: '4', mode: 'difference', panes: 1 },
    ] as const;
    for (const { key, mode, panes } of modes) {
      await page.keyboard.press(key);
      await expect.poll(() => compare.getAttribute('data-mode')).toBe(mode);
      await expect.poll(() => compare.getByTestId('compare-pane').count()).toBe(panes);
      // Evidence images are PNG data URLs drawn as backgrounds; rulers on two edges of each.
      const backgrounds = await compare.getByTestId('compare-image').evaluateAll((els) => els.map((el) => getComputedStyle(el).backgroundImage));
      for (const bg of backgrounds) expect(bg).toContain('data:image/png;base64,');
      expect(await compare.getByTestId('compare-ruler').count()).toBe(2 * panes);
      // The loupe shows the same spot on every image shown.
      const image = (await compare.getByTestId('compare-image').first().boundingBox())!;
      await page.mouse.move(image.x + image.width * 0.45, image.y + image.height * 0.4);
      await expect.poll(() => compare.getByTestId('compare-loupe').count()).toBe(panes);
      await screenshot(page, `auth-compare-${mode}`);
    }

    // Blink alternates specimen and questioned mark; B pauses, T flips by hand.
    await page.keyboard.press('3');
    const source = () => compare.getByTestId('compare-pane').getAttribute('data-source');
    const seen = new Set<string>();
    await expect
      .poll(
        async () => {
          seen.add((await source()) ?? '');
          return seen.size;
        },
        { timeout: 5_000, interval: 150 },
      )
      .toBe(2);
    await page.keyboard.press('b');
    await expect.poll(() => compare.getByTestId('compare-blink-play').getAttribute('aria-pressed')).toBe('false');
    const paused = await source();
    await page.waitForTimeout(1_200);
    expect(await source()).toBe(paused);
    await page.keyboard.press('t');
    await expect.poll(source).not.toBe(paused);

    await page.keyboard.press('Escape');
    await compare.waitFor({ state: 'detached' });
    await page.getByTestId('auth-screen').waitFor();
  });

  it('records the examiner’s verdict, which survives a reload', async () => {
    const detail = page.locator(`[data-testid="mark-detail"][data-mark-id="${sealId}"]`);
    const form = detail.getByTestId('decision-form');
    await form.getByTestId('decision-verdict-consistent').click();
    await form.getByTestId('decision-note').fill(note);
    await form.getByTestId('decision-examiner').fill('E2E Examiner');
    await form.getByTestId('decision-submit').click();
    const decision = detail.getByTestId('mark-decision');
    await expect.poll(() => decision.getAttribute('data-verdict')).toBe('consistent');
    expect(await decision.textContent()).toContain(note);
    expect(await decision.textContent()).toContain('E2E Examiner');

    await page.reload();
    await page.getByTestId('case-list').waitFor();
    const auth = await openAuthentication();
    const card = auth.locator(`[data-testid="mark-card"][data-mark-id="${sealId}"]`);
    expect(await card.getByTestId('mark-card-decision').getAttribute('data-verdict')).toBe('consistent');
    await card.click();
    const again = auth.locator(`[data-testid="mark-detail"][data-mark-id="${sealId}"]`);
    await expect.poll(() => again.getByTestId('mark-decision').getAttribute('data-verdict')).toBe('consistent');
    expect(await again.getByTestId('mark-decision').textContent()).toContain(note);
    // The verification is on record too.
    await expect.poll(() => again.getByTestId('verification-score').textContent()).toBe(String(sealScore));

    // A second verdict stands over the first; the history (`marks.decisions`) lists both, newest first.
    const form2 = again.getByTestId('decision-form');
    await form2.getByTestId('decision-verdict-inconclusive').click();
    await form2.getByTestId('decision-note').fill('Second look: the border is blurred');
    await form2.getByTestId('decision-examiner').fill('E2E Examiner');
    await form2.getByTestId('decision-submit').click();
    await expect.poll(() => again.getByTestId('mark-decision').getAttribute('data-verdict')).toBe('inconclusive');
    await expect.poll(() => again.getByTestId('decision-count').getAttribute('data-count')).toBe('2');
    const earlier = again.getByTestId('decision-entry');
    expect(await earlier.count()).toBe(1);
    expect(await earlier.getAttribute('data-verdict')).toBe('consistent');
    expect(await earlier.textContent()).toContain(note);
    expect(await earlier.textContent()).toContain('E2E Examiner');
    await page.keyboard.press('Escape');
    await auth.waitFor({ state: 'detached' });
  }, 300_000);

  it('exports the inspection report as a PDF', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('inspection-report').click()]);
    const path = await download.path();
    const bytes = readFileSync(path);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(2_000);
    await page.getByTestId('toast-success').first().waitFor();
  });

  it('builds the library: a new authority from a mark, a crop from the page and an uploaded image', async () => {
    const auth = await openAuthentication();
    const blue = auth.locator('[data-testid="mark-card"][data-kind="stamp"][data-ink="blue"]').first();
    const blueId = (await blue.getAttribute('data-mark-id'))!;
    await blue.click();
    const detail = auth.locator(`[data-testid="mark-detail"][data-mark-id="${blueId}"]`);
    await detail.getByTestId('mark-add-to-library').click();
    const picker = page.getByTestId('owner-picker');
    await picker.waitFor();
    // The exporter's company stamp is not on record: create its owner in place.
    await picker.getByTestId('owner-picker-new').click();
    await picker.getByTestId('owner-form-country').fill('CN');
    await picker.getByTestId('owner-form-authority').fill('E2E Hengtai Export Department');
    await picker.getByTestId('owner-form-office').fill('Company stamp');
    await picker.getByTestId('owner-form-submit').click();
    const created = picker.locator('[data-testid="owner-picker-item"]').filter({ hasText: 'E2E Hengtai Export Department' });
    await created.waitFor();
    expect(await created.locator('input').isChecked()).toBe(true);
    const newOwnerId = (await created.getAttribute('data-owner-id'))!;
    await picker.getByTestId('owner-picker-submit').click();
    await picker.waitFor({ state: 'detached' });
    await page.getByTestId('toast-success').filter({ hasText: 'Specimen added' }).first().waitFor();

    // A second impression cropped straight from the page (a box drawn around the same stamp).
    await auth.getByTestId('auth-draw').click();
    const markBox = (await auth.locator(`[data-testid="mark-box"][data-mark-id="${blueId}"]`).boundingBox())!;
    await page.mouse.move(markBox.x + 1, markBox.y + 1);
    await page.mouse.down();
    await page.mouse.move(markBox.x + markBox.width - 1, markBox.y + markBox.height - 1, { steps: 6 });
    await page.mouse.up();
    await auth.getByTestId('auth-pending-specimen-stamp').click();
    await picker.waitFor();
    await picker.locator(`[data-testid="owner-picker-item"][data-owner-id="${newOwnerId}"] input`).check();
    await picker.getByTestId('owner-picker-source').fill('Cropped from the Form E, page 1');
    await picker.getByTestId('owner-picker-submit').click();
    await picker.waitFor({ state: 'detached' });
    await auth.getByTestId('auth-pending').waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await auth.waitFor({ state: 'detached' });

    // An uploaded, already cropped image with its resolution.
    await page.getByTestId('open-library').click();
    const library = page.getByTestId('library-screen');
    await library.locator(`[data-testid="library-owner"][data-owner-id="${newOwnerId}"]`).click();
    const owner = library.getByTestId('owner-detail');
    await expect.poll(() => owner.getAttribute('data-owner-id')).toBe(newOwnerId);
    await expect.poll(() => owner.getByTestId('specimen-card').count()).toBe(2);
    await owner.getByTestId('upload-specimen-file').setInputFiles(join(REPO_ROOT, 'assets/demo/specimens/ningbo-seal-1.png'));
    await owner.getByTestId('upload-specimen-dpi').fill('300');
    await owner.getByTestId('upload-specimen-source').fill('E2E upload');
    await owner.getByTestId('upload-specimen-submit').click();
    await expect.poll(() => owner.getByTestId('specimen-card').count()).toBe(3);
    expect(await owner.getByTestId('specimen-grid').textContent()).toContain('300 dpi');
    await imagesLoaded(owner.locator('[data-testid="specimen-card"] img'), WAIT);
    await expect.poll(() => library.locator(`[data-testid="library-owner"][data-owner-id="${newOwnerId}"]`).textContent()).toContain('3 specimens');

    // Retiring a specimen and then the owner: gone from the lists, kept on record.
    await owner.getByTestId('specimen-retire').last().click();
    await expect.poll(() => owner.getByTestId('specimen-card').count()).toBe(2);
    await owner.getByTestId('specimens-include-retired').check();
    await expect.poll(() => owner.getByTestId('specimen-card').count()).toBe(3);
    await owner.getByTestId('owner-retire').click();
    await owner.getByTestId('owner-retire-confirm').click();
    await expect.poll(() => library.locator(`[data-testid="library-owner"][data-owner-id="${newOwnerId}"]`).count()).toBe(0);
    await library.getByTestId('library-include-retired').check();
    const retired = library.locator(`[data-testid="library-owner"][data-owner-id="${newOwnerId}"]`);
    await expect.poll(() => retired.getByTestId('owner-validity').getAttribute('data-state')).toBe('retired');
    await library.getByTestId('library-include-retired').uncheck();
    await library.getByTestId('library-close').click();
    await library.waitFor({ state: 'detached' });
  }, 300_000);

  it('scans a document never scanned for marks when its authentication opens, with progress', async () => {
    // Only certificates of origin are scanned in the background; the invoice is scanned on demand.
    const row = page.locator('[data-testid="document-row"][data-status="ready"]').filter({ hasText: '02-commercial-invoice.pdf' });
    await row.waitFor();
    const [request] = await Promise.all([page.waitForRequest((r) => r.url().endsWith('/api/marks.detect')), row.getByTestId('document-authenticate').click()]);
    expect(JSON.parse(request.postData() ?? '{}')).toMatchObject({ documentId: await row.getAttribute('data-document-id') });
    const auth = page.getByTestId('auth-screen');
    await auth.getByTestId('auth-detected-at').waitFor();
    await auth.getByTestId('auth-detecting').waitFor({ state: 'detached' });
    expect(await auth.getByTestId('auth-detect-error').count()).toBe(0);
    await page.keyboard.press('Escape');
    await auth.waitFor({ state: 'detached' });
  });

  it('opens the specimen library with the issuing authority and its specimens', async () => {
    await page.getByTestId('open-library').click();
    const library = page.getByTestId('library-screen');
    await library.waitFor();
    await expect.poll(() => library.getByTestId('library-owner').count()).toBeGreaterThan(0);
    const owner = library.locator(`[data-testid="library-owner"][data-owner-id="${ownerId}"]`);
    await owner.click();
    const detail = library.getByTestId('owner-detail');
    await detail.waitFor();
    expect(await detail.getByTestId('owner-detail-title').textContent()).toBe(ownerLabel);
    expect(await owner.getByTestId('owner-validity').textContent()).toBe('Valid');
    await expect.poll(() => detail.getByTestId('specimen-card').count()).toBeGreaterThan(0);
    await imagesLoaded(detail.locator('[data-testid="specimen-card"] img'), WAIT);
    await page.mouse.move(5, 5);
    await screenshot(page, 'auth-library');
    await library.getByTestId('library-close').click();
    await library.waitFor({ state: 'detached' });
    expect(browser.errors).toEqual([]);
  });
});
