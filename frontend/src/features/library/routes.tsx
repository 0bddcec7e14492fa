import { IconPhoto } from '@tabler/icons-react';
import { Route } from 'react-router';
import type { NavItem } from '../../lib/nav';
import { NotFoundPage } from '../../components/NotFoundPage';
import { AssetPage } from './AssetPage';
import { LibraryPage } from './LibraryPage';

/** The media library's routes, mounted under the signed-in part of the app. */
export function libraryRoutes() {
  return (
    <Route path="library">
      <Route index element={<LibraryPage />} />
      <Route path=":id" element={<AssetPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Route>
  );
}

export const LIBRARY_NAV: NavItem[] = [
  { to: '/library', label: 'Library', icon: <IconPhoto size={18} /> },
];
