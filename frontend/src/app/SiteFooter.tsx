import { Anchor, Group, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link } from 'react-router';
import { describeError } from '../lib/errors';
import { bannerDecisions, currentChoices } from '../features/consent/consentModel';
import { CookiePreferencesModal } from '../features/consent/CookiePreferencesModal';
import { useConsentState, useSetConsents } from '../features/consent/useConsent';

/** Reopens the cookie choices for anyone, signed in or not (a visitor's are kept under the
 * visitor id in their NECESSARY cookie). */
function CookieChoicesLink() {
  const state = useConsentState();
  const save = useSetConsents('SETTINGS');
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <UnstyledButton onClick={open} fz="sm" c="dimmed" td="underline">
        Cookie choices
      </UnstyledButton>
      <CookiePreferencesModal
        opened={opened}
        initial={currentChoices(state.data)}
        saving={save.isPending}
        error={save.isError ? describeError(save.error) : null}
        onSave={(choices) => save.mutate(bannerDecisions(choices), { onSuccess: close })}
        onClose={close}
      />
    </>
  );
}

const LINKS = [
  { to: '/policies/privacy', label: 'Privacy policy' },
  { to: '/policies/terms', label: 'Terms of service' },
  { to: '/service-providers', label: 'Who your data goes to' },
  { to: '/data-request', label: 'Ask for your data' },
  { to: '/contact', label: 'Contact us' },
  { to: '/report', label: 'Report an image' },
];

/** The links every page carries, for everyone: the policies and the ways to reach us. */
export function SiteFooter() {
  return (
    <Group component="footer" gap="md" wrap="wrap" justify="center" py="lg" aria-label="Site">
      {LINKS.map((link) => (
        <Anchor key={link.to} component={Link} to={link.to} fz="sm" c="dimmed">
          {link.label}
        </Anchor>
      ))}
      <CookieChoicesLink />
      <Text fz="sm" c="dimmed" component="span">
        Pixvault
      </Text>
    </Group>
  );
}
