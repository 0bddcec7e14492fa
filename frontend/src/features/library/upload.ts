/**
 * Uploading one file as a GraphQL multipart request (the spec the server's Strawberry view
 * accepts: `operations`, `map`, then the file part), over XMLHttpRequest so the browser reports
 * upload progress. Fetch cannot report request-body progress.
 */
import { print } from 'graphql';
import type { FileRejection } from 'react-dropzone';
import type { UploadAssetMutation as UploadAssetResult, Visibility } from '../../gql/graphql';
import {
  browserTimeZone,
  CSRF_HEADER,
  CSRF_HEADER_VALUE,
  GRAPHQL_ENDPOINT,
  TIMEZONE_HEADER,
} from '../../lib/graphql';
import { UploadAssetMutation } from './queries';

/** What the server accepts (it reads the bytes; this is the browser's first check). */
export const ACCEPTED_TYPES: Record<string, string[]> = {
  'image/jpeg': ['.jpg', '.jpeg', '.jpe'],
  'image/png': ['.png'],
  'image/webp': ['.webp'],
  'image/gif': ['.gif'],
  'image/avif': ['.avif'],
  'image/heic': ['.heic'],
  'image/heif': ['.heif'],
};
export const ACCEPTED_LABEL = 'JPEG, PNG, WebP, GIF, AVIF or HEIC';

export interface UploadOptions {
  visibility?: Visibility;
  folder?: string | null;
  tags?: string[] | null;
}

/** The multipart body: operations (file variable null), map (part "0" → variables.file), file. */
export function buildUploadForm(file: File, options: UploadOptions = {}): FormData {
  const variables: Record<string, unknown> = { file: null };
  if (options.visibility) variables['visibility'] = options.visibility;
  if (options.folder) variables['folder'] = options.folder;
  if (options.tags && options.tags.length > 0) variables['tags'] = options.tags;
  const form = new FormData();
  form.append(
    'operations',
    JSON.stringify({ query: print(UploadAssetMutation), operationName: 'UploadAsset', variables }),
  );
  form.append('map', JSON.stringify({ '0': ['variables.file'] }));
  form.append('0', file, file.name);
  return form;
}

export type UploadOutcome =
  | { ok: true; assetId: string; filename: string }
  | { ok: false; code: string; message: string };

/** A sentence for a person from a failed upload's code (the server's message otherwise). */
export function uploadErrorMessage(code: string, serverMessage?: string): string {
  switch (code) {
    case 'PAYLOAD_TOO_LARGE':
    case 'FILE_TOO_LARGE':
      return `Too big: ${serverMessage ?? 'the file is larger than this server accepts.'}`;
    case 'UNSUPPORTED_TYPE':
      return `Unsupported type: upload a ${ACCEPTED_LABEL} image.`;
    case 'EMPTY_FILE':
      return 'The file is empty.';
    case 'NETWORK':
      return 'The upload was interrupted. Check your connection and try again.';
    case 'ABORTED':
      return 'Upload cancelled.';
    default:
      return serverMessage ?? 'The upload failed.';
  }
}

interface UploadBody {
  data?: { uploadAsset?: UploadAssetResult['uploadAsset'] } | null;
  errors?: Array<{ message: string; extensions?: { code?: unknown } }>;
}

/** Turn the HTTP status and body of the multipart request into an outcome. */
export function interpretUploadResponse(status: number, text: string): UploadOutcome {
  let body: UploadBody | null = null;
  try {
    body = JSON.parse(text) as UploadBody;
  } catch {
    body = null;
  }
  const fail = (code: string, message?: string): UploadOutcome => ({
    ok: false,
    code,
    message: uploadErrorMessage(code, message),
  });
  const topError = body?.errors?.[0];
  if (topError) {
    const code = typeof topError.extensions?.code === 'string' ? topError.extensions.code : 'ERROR';
    return fail(status === 413 ? 'PAYLOAD_TOO_LARGE' : code, topError.message);
  }
  if (status === 413) return fail('PAYLOAD_TOO_LARGE');
  const payload = body?.data?.uploadAsset;
  if (!payload) return fail('HTTP', `The server answered HTTP ${status}.`);
  const userError = payload.errors[0];
  if (userError) return fail(userError.kind, userError.message);
  if (!payload.asset) return fail('ERROR');
  return { ok: true, assetId: payload.asset.id, filename: payload.asset.filename };
}

export interface UploadRequest {
  /** resolves when the server has answered (never rejects) */
  done: Promise<UploadOutcome>;
  abort: () => void;
}

/**
 * Send one file. `onProgress` gets the fraction of the body sent (0..1); the server still
 * checks the image after the last byte, so callers show "processing" at 1.
 */
export function sendUpload(
  file: File,
  options: UploadOptions,
  onProgress: (fraction: number) => void,
  createRequest: () => XMLHttpRequest = () => new XMLHttpRequest(),
): UploadRequest {
  const xhr = createRequest();
  const done = new Promise<UploadOutcome>((resolve) => {
    xhr.open('POST', GRAPHQL_ENDPOINT);
    xhr.withCredentials = true;
    xhr.setRequestHeader(CSRF_HEADER, CSRF_HEADER_VALUE);
    xhr.setRequestHeader('Accept', 'application/graphql-response+json, application/json');
    const timeZone = browserTimeZone();
    if (timeZone) xhr.setRequestHeader(TIMEZONE_HEADER, timeZone);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.upload.onload = () => onProgress(1);
    xhr.onload = () => resolve(interpretUploadResponse(xhr.status, xhr.responseText));
    xhr.onerror = () =>
      resolve(
        // A refused body (413) can close the connection before the browser reads the answer.
        xhr.status === 413
          ? interpretUploadResponse(413, xhr.responseText)
          : { ok: false, code: 'NETWORK', message: uploadErrorMessage('NETWORK') },
      );
    xhr.onabort = () => resolve({ ok: false, code: 'ABORTED', message: uploadErrorMessage('ABORTED') });
    xhr.send(buildUploadForm(file, options));
  });
  return { done, abort: () => xhr.abort() };
}

/** A sentence for each reason the drop zone refused a file before sending it. */
export function rejectionMessage(rejection: FileRejection): string {
  const codes = rejection.errors.map((e) => e.code);
  if (codes.includes('file-invalid-type')) {
    return `Unsupported type: upload a ${ACCEPTED_LABEL} image.`;
  }
  if (codes.includes('file-too-large')) return 'Too big: the file is larger than this server accepts.';
  return rejection.errors.map((e) => e.message).join(' ') || 'This file cannot be uploaded.';
}

/** "1.2 MB" */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
