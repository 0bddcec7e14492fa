/** TanStack Query keys of the library; `all` refreshes every list and asset of it. */
export const libraryKeys = {
  all: ['library'] as const,
  folders: () => [...libraryKeys.all, 'folders'] as const,
  assets: (variables: unknown) => [...libraryKeys.all, 'assets', variables] as const,
  asset: (id: string) => [...libraryKeys.all, 'asset', id] as const,
  rendition: (variables: unknown) => [...libraryKeys.all, 'rendition', variables] as const,
};
