/** The rendition builder's settings, checked the way the server checks variantUrl's arguments. */
import type { ImageFit, ImageFormat, RenditionUrlQueryVariables } from '../../gql/graphql';

export const MAX_DIMENSION = 8000;
/** How far past its own size the server enlarges an image. */
export const MAX_UPSCALE = 2;

export interface RenditionSettings {
  /** '' leaves the dimension to follow the other one */
  width: number | '';
  height: number | '';
  fit: ImageFit;
  format: ImageFormat;
  /** '' is the format's own default */
  quality: number | '';
}

export const FITS: Array<{ value: ImageFit; label: string; description: string }> = [
  { value: 'COVER', label: 'Cover', description: 'Fills the box, cutting off what overflows' },
  { value: 'CONTAIN', label: 'Contain', description: 'The whole image inside the box, padded' },
  { value: 'FILL', label: 'Fill', description: 'Stretched to the box' },
  { value: 'INSIDE', label: 'Inside', description: 'The whole image, no larger than the box' },
];

export const FORMATS: Array<{ value: ImageFormat; label: string }> = [
  { value: 'AUTO', label: 'Auto (best the browser takes)' },
  { value: 'WEBP', label: 'WebP' },
  { value: 'AVIF', label: 'AVIF' },
  { value: 'JPEG', label: 'JPEG' },
  { value: 'PNG', label: 'PNG' },
];

/** Formats whose encoder takes a quality. */
export const LOSSY: ReadonlySet<ImageFormat> = new Set(['AUTO', 'WEBP', 'AVIF', 'JPEG']);

export function defaultRendition(width: number, height: number): RenditionSettings {
  const scale = Math.min(1, 800 / Math.max(width, height, 1));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
    fit: 'COVER',
    format: 'WEBP',
    quality: 80,
  };
}

export type RenditionErrors = Partial<Record<'width' | 'height' | 'quality', string>>;

export type RenditionCheck =
  | { ok: true; variables: RenditionUrlQueryVariables }
  | { ok: false; errors: RenditionErrors };

function checkDimension(value: number | '', own: number, name: string): string | undefined {
  if (value === '') return undefined;
  if (!Number.isInteger(value) || value < 1) return `The ${name} is a whole number of pixels, at least 1.`;
  const max = Math.min(MAX_DIMENSION, MAX_UPSCALE * own);
  if (value > max) return `At most ${max} px for this image (twice its own ${name}).`;
  return undefined;
}

/**
 * The variantUrl arguments for these settings, or an error per field. Fit matters only when
 * both sides are given; quality only for a lossy format.
 */
export function checkRendition(
  assetId: string,
  settings: RenditionSettings,
  source: { width: number; height: number },
): RenditionCheck {
  const errors: RenditionErrors = {};
  const width = checkDimension(settings.width, source.width, 'width');
  const height = checkDimension(settings.height, source.height, 'height');
  if (width) errors.width = width;
  if (height) errors.height = height;
  const lossy = LOSSY.has(settings.format);
  if (lossy && settings.quality !== '') {
    const q = settings.quality;
    if (!Number.isInteger(q) || q < 1 || q > 100) errors.quality = 'Quality is between 1 and 100.';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const variables: RenditionUrlQueryVariables = { id: assetId, format: settings.format };
  if (settings.width !== '') variables.width = settings.width;
  if (settings.height !== '') variables.height = settings.height;
  if (settings.width !== '' && settings.height !== '') variables.fit = settings.fit;
  if (lossy && settings.quality !== '') variables.quality = settings.quality;
  return { ok: true, variables };
}
