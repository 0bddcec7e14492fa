import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { PlaceholderPage } from './PlaceholderPage';

export function NotFoundPage() {
  return (
    <PlaceholderPage title="Page not found">
      Nothing lives at this address.{' '}
      <Anchor component={Link} to="/">
        Go to the home page
      </Anchor>
      .
    </PlaceholderPage>
  );
}
