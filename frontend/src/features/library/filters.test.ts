import { describe, expect, it } from 'vitest';
import { filtersToParams, filterVariables, hasFilters, NO_FILTERS, NO_FOLDER, normaliseTag, parseFilters } from './filters';

describe('library filters', () => {
  it('read from and write to the URL, round trip', () => {
    const params = new URLSearchParams('q=beach&folder=Trips%2F2026&tag=sea&visibility=PUBLIC');
    const filters = parseFilters(params);
    expect(filters).toEqual({ search: 'beach', folder: 'Trips/2026', tag: 'sea', visibility: 'PUBLIC' });
    expect(filtersToParams(filters).toString()).toBe(params.toString());
  });

  it('keep "no folder" apart from "every folder"', () => {
    const none = parseFilters(new URLSearchParams('folder='));
    expect(none.folder).toBe(NO_FOLDER);
    expect(filterVariables(none)).toEqual({ folder: '' });
    expect(filtersToParams(none).toString()).toBe('folder=');
    expect(parseFilters(new URLSearchParams('')).folder).toBeNull();
  });

  it('send only what is set, trimmed; ignore an unknown visibility', () => {
    const filters = parseFilters(new URLSearchParams('q=%20%20&visibility=SECRET&tag='));
    expect(filters).toEqual({ ...NO_FILTERS, search: '  ' }); // the box keeps what was typed
    expect(filterVariables(filters)).toEqual({});
    expect(hasFilters(filters)).toBe(false);
    expect(filterVariables({ ...NO_FILTERS, search: '  cat ' })).toEqual({ search: 'cat' });
  });

  it('normalise tags the way the server keeps them', () => {
    expect(normaliseTag('  Summer   Trip ')).toBe('summer trip');
  });
});
