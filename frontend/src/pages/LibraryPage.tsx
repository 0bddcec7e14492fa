import { PlaceholderPage } from './PlaceholderPage';

export function LibraryPage() {
  return (
    <PlaceholderPage title="Library">
      Your albums and photos will appear here.
    </PlaceholderPage>
  );
}
