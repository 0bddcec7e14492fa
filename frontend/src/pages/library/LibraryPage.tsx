import { Button } from '@mantine/core';
import { IconPhoto } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { Empty } from '../../components/States';

export function LibraryPage() {
  return (
    <>
      <PageHeader title="Library" description="Your images, folders and tags." />
      <Empty
        icon={<IconPhoto size={28} />}
        title="Your library is empty"
        description="Uploading opens on this server soon. Meanwhile, your account and privacy controls are ready."
      >
        <Button component={Link} to="/privacy" variant="light">
          Open the privacy centre
        </Button>
      </Empty>
    </>
  );
}
