import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy*/waitFor give up after 5 s instead of 1 s: on a loaded 2-core CI machine a page's
// first render under happy-dom can take longer than a second. A real failure still fails.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
});

// Mantine reads the preferred color scheme; happy-dom has no real media queries.
if (typeof window.matchMedia !== 'function') {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string): MediaQueryList =>
      ({
        matches: false,
        media: query,
        onchange: null,
        addListener: () => {},
        removeListener: () => {},
        addEventListener: () => {},
        removeEventListener: () => {},
        dispatchEvent: () => false,
      }) as MediaQueryList,
  });
}
