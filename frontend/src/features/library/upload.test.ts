import { describe, expect, it, vi } from 'vitest';
import { FakeXhr } from './fakeXhr';
import { buildUploadForm, formatBytes, interpretUploadResponse, rejectionMessage, sendUpload } from './upload';

const png = () => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'cat.png', { type: 'image/png' });

const ok = (id = 'a1') => ({ data: { uploadAsset: { asset: { id, filename: 'cat.png' }, errors: [] } } });

describe('buildUploadForm', () => {
  it('follows the GraphQL multipart request spec: operations, map, then the file part', async () => {
    const file = png();
    const form = buildUploadForm(file, { folder: 'Trips/2026', tags: ['sea'], visibility: 'PRIVATE' });
    expect([...form.keys()]).toEqual(['operations', 'map', '0']);
    const operations = JSON.parse(String(form.get('operations'))) as {
      query: string;
      operationName: string;
      variables: Record<string, unknown>;
    };
    expect(operations.operationName).toBe('UploadAsset');
    expect(operations.query).toMatch(/mutation UploadAsset\(\$file: Upload!/);
    expect(operations.variables).toEqual({
      file: null,
      folder: 'Trips/2026',
      tags: ['sea'],
      visibility: 'PRIVATE',
    });
    expect(JSON.parse(String(form.get('map')))).toEqual({ '0': ['variables.file'] });
    const part = form.get('0') as File;
    expect(part.name).toBe('cat.png');
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
  });

  it('leaves out blank options', () => {
    const form = buildUploadForm(png(), { folder: '', tags: [] });
    expect(JSON.parse(String(form.get('operations'))).variables).toEqual({ file: null });
  });
});

describe('sendUpload', () => {
  it('posts with the cookie and the CSRF header, reports progress and resolves with the asset', async () => {
    const xhr = new FakeXhr();
    const progress = vi.fn();
    const request = sendUpload(png(), {}, progress, () => xhr as unknown as XMLHttpRequest);
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('/graphql');
    expect(xhr.withCredentials).toBe(true);
    expect(xhr.headers['X-Requested-With']).toBe('pixvault');
    // the browser sets the multipart boundary itself
    expect(Object.keys(xhr.headers).map((h) => h.toLowerCase())).not.toContain('content-type');
    expect(xhr.body?.get('0')).toBeInstanceOf(File);

    xhr.progress(25, 100);
    xhr.progress(100, 100);
    expect(progress.mock.calls.map((c) => c[0])).toEqual([0.25, 1]);
    xhr.respond(200, ok('a42'));
    await expect(request.done).resolves.toEqual({ ok: true, assetId: 'a42', filename: 'cat.png' });
  });

  it('resolves a failure when the connection drops or the upload is cancelled', async () => {
    const dropped = new FakeXhr();
    const first = sendUpload(png(), {}, () => {}, () => dropped as unknown as XMLHttpRequest);
    dropped.onerror?.();
    await expect(first.done).resolves.toMatchObject({ ok: false, code: 'NETWORK' });

    const cancelled = new FakeXhr();
    const second = sendUpload(png(), {}, () => {}, () => cancelled as unknown as XMLHttpRequest);
    second.abort();
    expect(cancelled.aborted).toBe(true);
    await expect(second.done).resolves.toMatchObject({ ok: false, code: 'ABORTED' });
  });
});

describe('interpretUploadResponse', () => {
  it('turns the payload error of an unsupported file into a clear sentence', () => {
    const body = {
      data: {
        uploadAsset: {
          asset: null,
          errors: [{ field: 'file', kind: 'UNSUPPORTED_TYPE', message: 'Upload a JPEG, PNG, WebP, GIF, AVIF or HEIC image.' }],
        },
      },
    };
    expect(interpretUploadResponse(200, JSON.stringify(body))).toEqual({
      ok: false,
      code: 'UNSUPPORTED_TYPE',
      message: 'Unsupported type: upload a JPEG, PNG, WebP, GIF, AVIF or HEIC image.',
    });
  });

  it('says "too big" for the body limit (HTTP 413) and for the stored-size limit', () => {
    const limit = { errors: [{ message: 'The request body exceeds 50065536 bytes.', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] };
    expect(interpretUploadResponse(413, JSON.stringify(limit))).toMatchObject({
      ok: false,
      code: 'PAYLOAD_TOO_LARGE',
      message: 'Too big: The request body exceeds 50065536 bytes.',
    });
    expect(interpretUploadResponse(413, '')).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/^Too big/) });
    const stored = { data: { uploadAsset: { asset: null, errors: [{ field: 'file', kind: 'FILE_TOO_LARGE', message: 'The file is larger than 1,000 bytes.' }] } } };
    expect(interpretUploadResponse(200, JSON.stringify(stored)).ok).toBe(false);
    expect(interpretUploadResponse(200, JSON.stringify(stored))).toMatchObject({ message: 'Too big: The file is larger than 1,000 bytes.' });
  });

  it('passes on the server message of a refused request and a body that is not JSON', () => {
    const csrf = { data: null, errors: [{ message: 'needs an X-Requested-With header.', extensions: { code: 'CSRF' } }] };
    expect(interpretUploadResponse(403, JSON.stringify(csrf))).toMatchObject({ code: 'CSRF', message: 'needs an X-Requested-With header.' });
    expect(interpretUploadResponse(502, '<html>')).toMatchObject({ ok: false, message: 'The server answered HTTP 502.' });
  });
});

describe('rejectionMessage and formatBytes', () => {
  it('explains a refused type', () => {
    const file = Object.assign(new File(['x'], 'notes.txt', { type: 'text/plain' }), {
      path: './notes.txt',
      relativePath: './notes.txt',
    });
    expect(rejectionMessage({ file, errors: [{ code: 'file-invalid-type', message: 'File type must be ...' }] })).toBe(
      'Unsupported type: upload a JPEG, PNG, WebP, GIF, AVIF or HEIC image.',
    );
  });

  it('formats sizes in decimal units', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(92_000)).toBe('92 kB');
    expect(formatBytes(4_321_000)).toBe('4.3 MB');
  });
});
