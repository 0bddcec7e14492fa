import { Button } from '@mantine/core';
import { IconMapPinOff } from '@tabler/icons-react';
import { Link } from 'react-router';
import { Empty } from './States';

export function NotFoundPage() {
  return (
    <Empty
      icon={<IconMapPinOff size={28} />}
      title="Page not found"
      description="Nothing lives at this address."
    >
      <Button component={Link} to="/" variant="light">
        Go to the home page
      </Button>
    </Empty>
  );
}
