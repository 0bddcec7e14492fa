/** The library's filters, kept in the page's URL (?q=&folder=&tag=&visibility=) so they can be shared and survive reloads. */
import type { LibraryAssetsQueryVariables, Visibility } from '../../gql/graphql';

/** The folder filter's value for "images in no folder" (the graph's folder: ""). */
export const NO_FOLDER = '\u0000none';

export interface LibraryFilters {
  search: string;
  /** null: every folder; NO_FOLDER: no folder; else a folder path */
  folder: string | null;
  tag: string | null;
  visibility: Visibility | null;
}

export const NO_FILTERS: LibraryFilters = { search: '', folder: null, tag: null, visibility: null };

export function parseFilters(params: URLSearchParams): LibraryFilters {
  const visibility = params.get('visibility');
  const folder = params.get('folder');
  return {
    search: params.get('q') ?? '',
    folder: folder === null ? null : folder === '' ? NO_FOLDER : folder,
    tag: params.get('tag') || null,
    visibility: visibility === 'PUBLIC' || visibility === 'PRIVATE' ? visibility : null,
  };
}

export function filtersToParams(filters: LibraryFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.search.trim()) params.set('q', filters.search);
  if (filters.folder !== null) params.set('folder', filters.folder === NO_FOLDER ? '' : filters.folder);
  if (filters.tag) params.set('tag', filters.tag);
  if (filters.visibility) params.set('visibility', filters.visibility);
  return params;
}

/** The assets query's arguments for these filters (blank ones left out). */
export function filterVariables(
  filters: LibraryFilters,
): Omit<LibraryAssetsQueryVariables, 'first' | 'after'> {
  const variables: Omit<LibraryAssetsQueryVariables, 'first' | 'after'> = {};
  const search = filters.search.trim();
  if (search) variables.search = search;
  if (filters.folder !== null) variables.folder = filters.folder === NO_FOLDER ? '' : filters.folder;
  if (filters.tag) variables.tag = filters.tag;
  if (filters.visibility) variables.visibility = filters.visibility;
  return variables;
}

export function hasFilters(filters: LibraryFilters): boolean {
  return Object.keys(filterVariables(filters)).length > 0;
}

/** A tag the way the server keeps it: trimmed, lower-case, spaces collapsed. */
export function normaliseTag(tag: string): string {
  return tag.trim().replace(/\s+/g, ' ').toLowerCase();
}
