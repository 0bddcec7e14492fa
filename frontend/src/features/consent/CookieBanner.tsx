import { Button, Flex, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure, useElementSize } from '@mantine/hooks';
import { IconCookie } from '@tabler/icons-react';
import { useId } from 'react';
import { describeError } from '../../lib/errors';
import { BANNER_PURPOSES, bannerDecisions, bannerNeeded, currentChoices, type Choices } from './consentModel';
import { CookiePreferencesModal } from './CookiePreferencesModal';
import { useConsentState, useSetConsents } from './useConsent';

/**
 * The first-visit cookie banner: shown while Query.consentState says a choice is needed (no
 * decision yet, or a new privacy policy), for visitors and signed-in people alike. It does not
 * block the page, and goes as soon as a choice is recorded.
 */
export function CookieBanner() {
  const state = useConsentState();
  const save = useSetConsents('BANNER');
  const [choosing, { open, close }] = useDisclosure(false);
  const titleId = useId();
  const textId = useId();
  const { ref, height } = useElementSize();

  if (!state.data || !bannerNeeded(state.data)) return null;

  // Decided before, yet asked again: the privacy policy changed since.
  const again = state.data.decisions.some(
    (d) => (BANNER_PURPOSES as readonly string[]).includes(d.purpose) && d.decidedAt,
  );
  const answer = (choice: 'accept-all' | 'refuse-all' | Choices) => {
    save.mutate(bannerDecisions(choice), { onSuccess: close });
  };
  const error = save.isError ? describeError(save.error) : null;

  return (
    <>
      {/* room below the page, so its last controls can be scrolled clear of the banner */}
      <div aria-hidden="true" style={{ height: height + 96 }} />
      <Paper
        ref={ref}
        component="section"
        role="region"
        aria-labelledby={titleId}
        aria-describedby={textId}
        data-testid="cookie-banner"
        shadow="xl"
        radius="lg"
        withBorder
        p={{ base: 'md', sm: 'lg' }}
        style={{
          position: 'fixed',
          zIndex: 300,
          insetInline: 'var(--mantine-spacing-md)',
          bottom: 'var(--mantine-spacing-md)',
          maxWidth: 960,
          marginInline: 'auto',
        }}
      >
        <Group justify="space-between" align="center" gap="lg" wrap="wrap">
          <Stack gap={4} style={{ flex: '1 1 360px', minWidth: 0 }}>
            <Group gap={8} wrap="nowrap">
              <IconCookie size={20} aria-hidden="true" color="var(--mantine-color-blue-6)" />
              <Title order={2} fz="md" id={titleId}>
                {again ? 'Cookies on Pixvault: please choose again' : 'Cookies on Pixvault'}
              </Title>
            </Group>
            <Text size="sm" c="dimmed" id={textId}>
              {again && 'Our privacy policy changed since your last choice. '}
              Pixvault needs a few cookies to keep you signed in. With your consent it also
              remembers your preferences and records which pages you open, in your own activity
              log only. Nothing is shared with advertisers.
            </Text>
            {error && !choosing && (
              <Text size="sm" c="red" role="alert">
                {error}
              </Text>
            )}
          </Stack>
          <Flex
            gap="sm"
            direction={{ base: 'column-reverse', xs: 'row' }}
            style={{ flex: '0 0 auto' }}
            w={{ base: '100%', xs: 'auto' }}
          >
            <Button variant="default" onClick={open} disabled={save.isPending}>
              Choose
            </Button>
            <Button onClick={() => answer('refuse-all')} disabled={save.isPending}>
              Refuse all
            </Button>
            <Button onClick={() => answer('accept-all')} disabled={save.isPending}>
              Accept all
            </Button>
          </Flex>
        </Group>
      </Paper>
      <CookiePreferencesModal
        opened={choosing}
        initial={currentChoices(state.data)}
        saving={save.isPending}
        error={choosing ? error : null}
        onSave={(choices) => answer(choices)}
        onClose={close}
      />
    </>
  );
}
