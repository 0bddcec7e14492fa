import { Badge, Button, Group, Modal, Paper, Stack, Switch, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useEffect, useState, type ReactNode } from 'react';
import { BANNER_PURPOSES, cookieLifetime, PURPOSE_TEXT, type Choices } from './consentModel';
import { useCookieDeclarations } from './useConsent';

function CookieNames({ category }: { category: string | undefined }) {
  const cookies = useCookieDeclarations();
  const names = (cookies.data ?? []).filter((c) => c.category === category);
  if (!category || cookies.isPending) return null;
  if (names.length === 0) {
    return (
      <Text size="xs" c="dimmed">
        No cookie is set for this purpose.
      </Text>
    );
  }
  return (
    <Group gap={6}>
      {names.map((c) => (
        <Badge key={c.name} variant="outline" color="gray" radius="sm" tt="none" title={cookieLifetime(c)}>
          <span className="pv-mono">{c.name}</span>
        </Badge>
      ))}
    </Group>
  );
}

function PurposeRow({
  purpose,
  control,
  badge,
}: {
  purpose: keyof typeof PURPOSE_TEXT;
  control: ReactNode;
  badge?: ReactNode;
}) {
  const text = PURPOSE_TEXT[purpose];
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Stack gap={6} style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Text fw={600} size="sm">
              {text.title}
            </Text>
            {badge}
          </Group>
          <Text size="sm" c="dimmed">
            {text.description}
          </Text>
          <CookieNames category={text.cookieCategory} />
        </Stack>
        {control}
      </Group>
    </Paper>
  );
}

/** "Choose": one switch per purpose; strictly necessary cookies are always on. */
export function CookiePreferencesModal({
  opened,
  initial,
  saving,
  error,
  onSave,
  onClose,
}: {
  opened: boolean;
  initial: Choices;
  saving: boolean;
  error?: string | null;
  onSave: (choices: Choices) => void;
  onClose: () => void;
}) {
  const [choices, setChoices] = useState<Choices>(initial);
  const phone = useMediaQuery('(max-width: 36em)') ?? false;
  // biome-ignore lint/correctness/useExhaustiveDependencies: start from the current choices each time the dialog opens, not when they change under it
  useEffect(() => {
    if (opened) setChoices(initial);
    // start from the current choices each time the dialog opens
  }, [opened]);

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Choose which cookies Pixvault may use"
      size="lg"
      centered
      fullScreen={phone}
      zIndex={400}
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Turn on only what you want. You can change your mind at any time in the privacy centre;
          each choice is recorded as proof of your consent.
        </Text>
        <PurposeRow
          purpose="NECESSARY"
          control={
            <Switch
              size="md"
              checked
              disabled
              aria-label={`${PURPOSE_TEXT.NECESSARY.title} (always on)`}
              onChange={() => undefined}
            />
          }
          badge={
            <Badge size="sm" variant="light" color="blue">
              Always on
            </Badge>
          }
        />
        {BANNER_PURPOSES.map((purpose) => (
          <PurposeRow
            key={purpose}
            purpose={purpose}
            control={
              <Switch
                size="md"
                checked={choices[purpose]}
                onChange={(event) => {
                  const checked = event.currentTarget.checked;
                  setChoices((c) => ({ ...c, [purpose]: checked }));
                }}
                aria-label={PURPOSE_TEXT[purpose].title}
              />
            }
          />
        ))}
        {error && (
          <Text size="sm" c="red" role="alert">
            {error}
          </Text>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={saving}>
            Cancel
          </Button>
          <Button onClick={() => onSave(choices)} loading={saving}>
            Save my choices
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
