import { Stack } from '@mantine/core';
import { PageHeader } from '../../components/PageHeader';
import { PrivacySummary } from './PrivacySummary';

export function PrivacyOverviewPage() {
  return (
    <Stack gap="lg">
      <PageHeader
        eyebrow="Privacy centre"
        title="Your data at Pixvault"
        description="Everything Pixvault holds about you, and the controls over it. Correct your profile, end sessions, and see every log-in and consent."
      />
      <PrivacySummary />
    </Stack>
  );
}
