import { Badge, Button, Group, Modal, Paper, Stack, Switch, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { BANNER_PURPOSES, cookieLifetime, PURPOSE_TEXT, type Choices } from './consentModel';
import { useCookieDeclarations } from './useConsent';

function CookieNames({ category }: { category: string | undefined }) {
  const cookies = useCookieDeclarations();
  const names = (cookies.data ?? []).filter((c) => c.category === category);
  if (!category || cookies.isPending) return null;
  if (names.length === 0) {
    return (
      <Text size="xs" c="dimmed">
        Pixvault sets no cookies for this purpose.
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
      fullScreen={false}
      zIndex={400}
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Turn on only what you want. You can change your mind at any time in the privacy centre;
          each choice is recorded as proof of your consent.
        </Text>
        <Paper withBorder radius="md" p="md">
          <Stack gap={6}>
            <Switch
              checked
              disabled
              label={PURPOSE_TEXT.NECESSARY.title}
              description={PURPOSE_TEXT.NECESSARY.description}
              aria-describedby="necessary-always-on"
            />
            <Text id="necessary-always-on" size="xs" c="dimmed" pl={54}>
              Always on
            </Text>
            <div style={{ paddingLeft: 54 }}>
              <CookieNames category={PURPOSE_TEXT.NECESSARY.cookieCategory} />
            </div>
          </Stack>
        </Paper>
        {BANNER_PURPOSES.map((purpose) => (
          <Paper key={purpose} withBorder radius="md" p="md">
            <Stack gap={6}>
              <Switch
                checked={choices[purpose]}
                onChange={(event) => {
                  const checked = event.currentTarget.checked;
                  setChoices((c) => ({ ...c, [purpose]: checked }));
                }}
                label={PURPOSE_TEXT[purpose].title}
                description={PURPOSE_TEXT[purpose].description}
              />
              <div style={{ paddingLeft: 54 }}>
                <CookieNames category={PURPOSE_TEXT[purpose].cookieCategory} />
              </div>
            </Stack>
          </Paper>
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
