/**
 * The media library: a new customer uploads real images (the server decodes them with pyvips),
 * watches the progress, opens an image, builds a rendition, shares it publicly and takes it
 * back, checking from a cookie-less browser what the world can see.
 */
import { resolve } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { consoleProblems, newContext, newPage, OUTPUT_DIR, PHONE, screenshot } from './browser';
import { baseURL, logIn, newPerson, signUp, useBrowser, PATIENCE } from './harness';

const getBrowser = useBrowser();
let browser: Browser;
let customer: BrowserContext;
let page: Page;
const person = newPerson('Lin');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A real RGB PNG: a colour gradient with a sprinkle of noise (so it does not compress to
 * nothing and the upload takes a moment to send).
 */
function makePng(width: number, height: number, noise = 0): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const jitter = noise ? Math.floor(random() * noise) : 0;
      raw[row + 1 + x * 3] = Math.min(255, Math.round((x / width) * 255) + jitter);
      raw[row + 2 + x * 3] = Math.min(255, Math.round((y / height) * 200) + jitter);
      raw[row + 3 + x * 3] = Math.min(255, 160 + jitter);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * Puts an EXIF block whose first directory points at a GPS directory into a JPEG, right after
 * its start-of-image marker: a photo "taken somewhere".
 */
function withGps(jpeg: Buffer): Buffer {
  const tiff = Buffer.alloc(26 + 18);
  tiff.write('II*\0', 0, 'latin1');
  tiff.writeUInt32LE(8, 4); // IFD0 at 8
  tiff.writeUInt16LE(1, 8); // one entry
  tiff.writeUInt16LE(0x8825, 10); // GPSInfo pointer
  tiff.writeUInt16LE(4, 12); // LONG
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt32LE(26, 18); // GPS IFD at 26
  tiff.writeUInt32LE(0, 22); // no next IFD
  tiff.writeUInt16LE(1, 26); // GPS IFD: one entry
  tiff.writeUInt16LE(0x0000, 28); // GPSVersionID
  tiff.writeUInt16LE(1, 30); // BYTE
  tiff.writeUInt32LE(4, 32);
  Buffer.from([2, 2, 0, 0]).copy(tiff, 36);
  tiff.writeUInt32LE(0, 40);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const segment = Buffer.alloc(4);
  segment.writeUInt16BE(0xffe1, 0);
  segment.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), segment, body, jpeg.subarray(2)]);
}

const PHOTO = 'harbour-at-dusk.png';

beforeAll(async () => {
  browser = getBrowser();
  customer = await newContext(browser, baseURL);
  page = await newPage(customer, 'customer');
});

async function firstAssetId(): Promise<string> {
  await page.goto('/library');
  const href = await page.getByRole('article', { name: PHOTO }).getByRole('link').first().getAttribute('href');
  return href!.split('/').pop()!;
}

/** Drops files on the drop zone the way a browser does when files are dragged onto it. */
async function dropFiles(p: Page, files: Array<{ name: string; type: string; bytes: Buffer }>) {
  const payload = files.map((f) => ({ name: f.name, type: f.type, data: f.bytes.toString('base64') }));
  await p.getByTestId('dropzone').evaluate((zone, items) => {
    const transfer = new DataTransfer();
    for (const item of items) {
      const binary = atob(item.data);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      transfer.items.add(new File([bytes], item.name, { type: item.type }));
    }
    const fire = (type: string) =>
      zone.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    fire('dragenter');
    fire('dragover');
    // a person's drop comes a moment after the drag enters
    return new Promise<void>((done) =>
      setTimeout(() => {
        fire('drop');
        done();
      }, 150),
    );
  }, payload);
}

describe('library', () => {
  it('a new customer finds an empty library', async () => {
    await signUp(page, person);
    await page.getByRole('link', { name: 'Library' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Library' }).waitFor();
    await page.getByRole('heading', { name: 'Your library is empty' }).waitFor();
  });

  it('uploads with the file chooser, showing a progress bar, then the thumbnail', async () => {
    // Slow the upload down so its progress can be seen (and photographed).
    const cdp = await customer.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 1_500_000,
    });
    const png = makePng(1600, 1000, 90);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose files' }).click();
    await (await chooser).setFiles({ name: PHOTO, mimeType: 'image/png', buffer: png });

    const item = page.getByRole('listitem', { name: new RegExp(`^${PHOTO}`) });
    const bar = page.getByRole('progressbar', { name: `Upload progress of ${PHOTO}` });
    await bar.waitFor();
    await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: PATIENCE }).toBeGreaterThan(0);
    await page.screenshot({ path: resolve(OUTPUT_DIR, '21-library-upload-progress.png') });

    await expect.poll(() => item.getAttribute('data-status'), { timeout: PATIENCE }).toBe('done');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await cdp.detach();

    const card = page.getByRole('article', { name: PHOTO });
    const thumbnail = card.getByRole('img', { name: PHOTO });
    await thumbnail.waitFor();
    expect(await thumbnail.getAttribute('loading')).toBe('lazy');
    expect(await thumbnail.getAttribute('src')).toMatch(/[?&]fm=webp/);
    await expect
      .poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBe(320);
  });

  it('uploads by drag and drop, and refuses an unsupported file without losing the good one', async () => {
    await dropFiles(page, [
      { name: 'notes.txt', type: 'text/plain', bytes: Buffer.from('not an image') },
      { name: 'meadow.png', type: 'image/png', bytes: makePng(900, 600) },
    ]);
    const refused = page.getByRole('listitem', { name: /^notes\.txt/ });
    await refused.getByText(/^Unsupported type/).waitFor();
    const good = page.getByRole('listitem', { name: /^meadow\.png/ });
    await expect.poll(() => good.getAttribute('data-status'), { timeout: PATIENCE }).toBe('done');
    await page.getByRole('article', { name: 'meadow.png' }).waitFor();
    await expect.poll(() => page.getByRole('article').count()).toBe(2);
  });

  it('filters by search and visibility', async () => {
    await page.getByRole('textbox', { name: 'Search' }).fill('harbour');
    await expect.poll(() => page.getByRole('article').count()).toBe(1);
    await page.getByRole('article', { name: PHOTO }).waitFor();
    await page.getByRole('textbox', { name: 'Search' }).fill('');
    await expect.poll(() => page.getByRole('article').count()).toBe(2);
    await page.getByText('Public', { exact: true }).first().click();
    await page.getByRole('heading', { name: 'No images match' }).waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await expect.poll(() => page.getByRole('article').count()).toBe(2);
  });

  it('opens the image view and builds a rendition with a live preview', async () => {
    await page.getByRole('article', { name: PHOTO }).getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: PHOTO }).waitFor();
    const image = page.getByTestId('asset-image');
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: PATIENCE }).toBe(1200);
    await page.getByRole('switch', { name: `Public: ${PHOTO}` }).waitFor();
    await screenshot(page, '22-image-view');

    const builder = page.getByRole('region', { name: 'Rendition builder' });
    await builder.getByRole('textbox', { name: 'Width' }).fill('400');
    await builder.getByRole('textbox', { name: 'Height' }).fill('400');
    await builder.getByRole('combobox', { name: 'Fit' }).click();
    await page.getByRole('option', { name: 'Contain' }).click();
    await builder.getByRole('combobox', { name: 'Format' }).click();
    await page.getByRole('option', { name: 'JPEG' }).click();
    await builder.getByRole('textbox', { name: 'Quality' }).fill('70');

    const url = builder.getByLabel('Rendition URL', { exact: true });
    await expect.poll(() => url.textContent()).toMatch(/w=400&h=400&fit=contain&fm=jpeg&q=70/);
    const preview = builder.getByTestId('rendition-preview');
    await expect.poll(() => preview.getAttribute('data-status'), { timeout: PATIENCE }).toBe('loaded');
    expect(await preview.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([400, 400]);
    await builder.getByText('Preview: 400 × 400 px').waitFor();
    await builder.scrollIntoViewIfNeeded();
    await screenshot(page, '23-rendition-builder');
  });

  it('moves the image into a folder, tags it, and filters by folder and tag', async () => {
    const folder = page.getByRole('combobox', { name: 'Folder' });
    await folder.fill('Trips/2026');
    await folder.press('Escape');
    await page.getByRole('button', { name: 'Move' }).click();
    await page.getByText('Moved to Trips/2026').waitFor();
    const tags = page.getByRole('combobox', { name: 'Tags' });
    await tags.fill('Sunset');
    await tags.press('Enter');
    await tags.fill('sea');
    await tags.press('Enter');
    await page.waitForLoadState('networkidle');

    await page.getByRole('link', { name: 'Library' }).first().click();
    const card = page.getByRole('article', { name: PHOTO });
    await card.getByText('Trips/2026').waitFor();
    await card.getByRole('button', { name: 'Show images tagged sunset' }).waitFor();
    await card.getByRole('button', { name: 'Show images tagged sea' }).waitFor();
    await screenshot(page, '20-library-grid');

    await card.getByRole('button', { name: 'Show images tagged sunset' }).click();
    await page.waitForURL(/tag=sunset/);
    await expect.poll(() => page.getByRole('article').count()).toBe(1);
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await expect.poll(() => page.getByRole('article').count()).toBe(2);

    await page.getByRole('combobox', { name: 'Folder', exact: true }).click();
    await page.getByRole('option', { name: 'No folder' }).click();
    await expect.poll(() => page.getByRole('article').count()).toBe(1);
    await page.getByRole('article', { name: 'meadow.png' }).waitFor();
    await page.getByRole('combobox', { name: 'Folder', exact: true }).click();
    await page.getByRole('option', { name: 'Trips/2026' }).click();
    await expect.poll(() => page.getByRole('article').count()).toBe(1);
    await page.getByRole('article', { name: PHOTO }).waitFor();
    await page.getByRole('article', { name: PHOTO }).getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: PHOTO }).waitFor();
  });

  it('shares the image publicly, then takes it back', async () => {
    await page.getByRole('switch', { name: `Public: ${PHOTO}` }).click();
    const publicUrl = page.getByLabel('Public URL', { exact: true });
    await publicUrl.waitFor();
    const url = (await publicUrl.textContent())!.trim();
    expect(url.startsWith(baseURL)).toBe(true);
    expect(url).not.toMatch(/sig=/);

    // A stranger: a fresh browser context with no cookies.
    const stranger = await newContext(browser, baseURL);
    try {
      const strangerPage = await newPage(stranger, 'stranger');
      const response = await strangerPage.goto(url);
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-type']).toMatch(/^image\//);
      expect((await response!.body()).length).toBeGreaterThan(1000);

      await page.getByRole('switch', { name: `Public: ${PHOTO}` }).click();
      await publicUrl.waitFor({ state: 'detached' });
      await page.getByText('Only you can see it; links to it are signed and expire.').waitFor();
      const after = await stranger.request.get(url);
      expect(after.status()).toBeGreaterThanOrEqual(400);
      expect(after.headers()['content-type'] ?? '').not.toMatch(/^image\//);
    } finally {
      await stranger.close();
    }
  });

  it('warns about a photo that records where it was taken', async () => {
    // A real JPEG: a rendition the server made of the first upload, with GPS EXIF put in.
    const id = await firstAssetId();
    const answer = await customer.request.post('/graphql', {
      data: {
        query: 'query($id: ID!) { asset(id: $id) { variantUrl(width: 400, format: JPEG) } }',
        variables: { id },
      },
    });
    const { data } = (await answer.json()) as { data: { asset: { variantUrl: string } } };
    const response = await customer.request.get(data.asset.variantUrl);
    expect(response.headers()['content-type']).toBe('image/jpeg');
    const located = withGps(await response.body());

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose files' }).click();
    await (await chooser).setFiles({ name: 'picnic.jpg', mimeType: 'image/jpeg', buffer: located });
    const item = page.getByRole('listitem', { name: /^picnic\.jpg/ });
    await expect.poll(() => item.getAttribute('data-status'), { timeout: PATIENCE }).toBe('done');
    await item.getByRole('link', { name: 'picnic.jpg' }).click();
    await page.getByRole('heading', { level: 1, name: 'picnic.jpg' }).waitFor();
    await page.getByTestId('location-warning').getByText('This photo carries location data').waitFor();
  });

  it('fits a phone screen', async () => {
    const phone = await newContext(browser, baseURL, PHONE);
    try {
      const p = await newPage(phone, 'phone');
      await logIn(p, person.email, person.password, false);
      for (const path of ['/library', `/library/${await firstAssetId()}`]) {
        await p.goto(path);
        await p.getByRole('heading', { level: 1 }).waitFor();
        await p.waitForLoadState('networkidle');
        const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, path).toBeLessThanOrEqual(0);
      }
    } finally {
      await phone.close();
    }
  });
});

describe('console', () => {
  it('logged no errors', () => {
    expect(consoleProblems).toEqual([]);
  });
});
