import { Button } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { Link } from 'react-router';
import { Empty } from './States';

export function ForbiddenPage() {
  return (
    <Empty
      icon={<IconLock size={28} />}
      title="No access"
      description="Your role does not give access to this part of Pixvault. Ask an administrator if you need it."
    >
      <Button component={Link} to="/" variant="light">
        Go to the home page
      </Button>
    </Empty>
  );
}
