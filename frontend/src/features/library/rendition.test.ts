import { describe, expect, it } from 'vitest';
import { checkRendition, defaultRendition, type RenditionSettings } from './rendition';

const source = { width: 1600, height: 1000 };
const settings = (change: Partial<RenditionSettings> = {}): RenditionSettings => ({
  width: 400,
  height: 300,
  fit: 'CONTAIN',
  format: 'JPEG',
  quality: 70,
  ...change,
});

describe('checkRendition', () => {
  it('gives every argument when both sides are set', () => {
    expect(checkRendition('a1', settings(), source)).toEqual({
      ok: true,
      variables: { id: 'a1', width: 400, height: 300, fit: 'CONTAIN', format: 'JPEG', quality: 70 },
    });
  });

  it('leaves fit out when one side follows the other, and quality out for PNG or a blank', () => {
    expect(checkRendition('a1', settings({ height: '', format: 'PNG' }), source)).toEqual({
      ok: true,
      variables: { id: 'a1', width: 400, format: 'PNG' },
    });
    expect(checkRendition('a1', settings({ width: '', quality: '' }), source)).toEqual({
      ok: true,
      variables: { id: 'a1', height: 300, format: 'JPEG' },
    });
  });

  it('refuses what the server would: enlargements past twice the size, over 8000, bad quality', () => {
    const result = checkRendition('a1', settings({ width: 3201, height: 0, quality: 101 }), source);
    expect(result).toEqual({
      ok: false,
      errors: {
        width: 'At most 3200 px for this image (twice its own width).',
        height: 'The height is a whole number of pixels, at least 1.',
        quality: 'Quality is between 1 and 100.',
      },
    });
    const huge = checkRendition('a1', settings({ width: 8001 }), { width: 6000, height: 6000 });
    expect(huge).toMatchObject({ ok: false, errors: { width: 'At most 8000 px for this image (twice its own width).' } });
    expect(checkRendition('a1', settings({ width: 3200 }), source).ok).toBe(true);
    // PNG ignores a quality that would be out of range
    expect(checkRendition('a1', settings({ format: 'PNG', quality: 0 }), source).ok).toBe(true);
  });
});

describe('defaultRendition', () => {
  it('starts at most 800 px on the long side, keeping the shape', () => {
    expect(defaultRendition(1600, 1000)).toMatchObject({ width: 800, height: 500 });
    expect(defaultRendition(300, 200)).toMatchObject({ width: 300, height: 200 });
  });
});
