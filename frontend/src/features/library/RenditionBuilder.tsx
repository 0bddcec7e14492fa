import {
  ActionIcon,
  Alert,
  Box,
  Card,
  Center,
  Code,
  CopyButton,
  Grid,
  Group,
  Loader,
  NumberInput,
  Select,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconCheck, IconCopy, IconExternalLink } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ImageFit, ImageFormat, Visibility } from '../../gql/graphql';
import { describeError } from '../../lib/errors';
import { graphqlRequest } from '../../lib/graphql';
import { RenditionUrlQuery } from './queries';
import {
  checkRendition,
  defaultRendition,
  FITS,
  FORMATS,
  LOSSY,
  MAX_DIMENSION,
  MAX_UPSCALE,
  type RenditionSettings,
} from './rendition';
import { libraryKeys } from './keys';

function toNumber(value: string | number): number | '' {
  if (value === '' || value === null) return '';
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : '';
}

/** A copyable URL with a copy button and a link that opens it. */
export function CopyableUrl({ url, label }: { url: string; label: string }) {
  return (
    <Group gap="xs" wrap="nowrap" align="center">
      <Code
        block
        style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap', minWidth: 0 }}
        aria-label={label}
      >
        {url}
      </Code>
      <CopyButton value={url} timeout={2000}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow>
            <ActionIcon
              color={copied ? 'teal' : 'blue'}
              variant="light"
              size="lg"
              onClick={copy}
              aria-label={copied ? `${label} copied` : `Copy ${label.toLowerCase()}`}
            >
              {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
      <Tooltip label="Open in a new tab" withArrow>
        <ActionIcon
          component="a"
          href={url}
          target="_blank"
          rel="noreferrer"
          variant="default"
          size="lg"
          aria-label={`Open ${label.toLowerCase()}`}
        >
          <IconExternalLink size={18} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}

function Preview({ url, filename }: { url: string; filename: string }) {
  const [state, setState] = useState<{ url: string; status: 'loading' | 'loaded' | 'error'; size?: string }>({
    url,
    status: 'loading',
  });
  const current = state.url === url ? state : { url, status: 'loading' as const };
  return (
    <Stack gap={6}>
      <Box
        pos="relative"
        style={{
          minHeight: 220,
          borderRadius: 'var(--mantine-radius-md)',
          border: '1px solid var(--mantine-color-gray-3)',
          backgroundColor: 'var(--mantine-color-gray-0)',
          backgroundImage:
            'linear-gradient(45deg, var(--mantine-color-gray-2) 25%, transparent 25%), linear-gradient(-45deg, var(--mantine-color-gray-2) 25%, transparent 25%), linear-gradient(45deg, transparent 75%, var(--mantine-color-gray-2) 75%), linear-gradient(-45deg, transparent 75%, var(--mantine-color-gray-2) 75%)',
          backgroundSize: '20px 20px',
          backgroundPosition: '0 0, 0 10px, 10px -10px, -10px 0',
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          overflow: 'hidden',
          padding: 8,
        }}
      >
        <img
          key={url}
          src={url}
          alt={`Rendition of ${filename}`}
          data-testid="rendition-preview"
          data-status={current.status}
          onLoad={(e) =>
            setState({
              url,
              status: 'loaded',
              size: `${e.currentTarget.naturalWidth} × ${e.currentTarget.naturalHeight} px`,
            })
          }
          onError={() => setState({ url, status: 'error' })}
          style={{ maxWidth: '100%', maxHeight: 420, display: 'block', objectFit: 'contain' }}
        />
        {current.status === 'loading' && (
          <Center pos="absolute" inset={0} style={{ background: 'rgba(255,255,255,0.6)' }}>
            <Loader size="sm" aria-label="Rendering the preview" />
          </Center>
        )}
      </Box>
      <Text size="xs" c={current.status === 'error' ? 'red.7' : 'dimmed'} aria-live="polite">
        {current.status === 'loaded'
          ? `Preview: ${current.size}`
          : current.status === 'error'
            ? 'The preview could not be loaded.'
            : 'Rendering…'}
      </Text>
    </Stack>
  );
}

/** Width, height, fit, format and quality of a rendition, with a live preview and its URL. */
export function RenditionBuilder({
  asset,
}: {
  asset: { id: string; filename: string; width: number; height: number; visibility: Visibility };
}) {
  const [settings, setSettings] = useState<RenditionSettings>(() =>
    defaultRendition(asset.width, asset.height),
  );
  const [debounced] = useDebouncedValue(settings, 350);
  const check = checkRendition(asset.id, debounced, asset);
  const immediate = checkRendition(asset.id, settings, asset);
  const fieldErrors = immediate.ok ? {} : immediate.errors;
  const variables = check.ok ? check.variables : { id: asset.id };
  const rendition = useQuery({
    queryKey: libraryKeys.rendition(variables),
    queryFn: ({ signal }) => graphqlRequest(RenditionUrlQuery, variables, { signal }),
    enabled: check.ok,
    placeholderData: keepPreviousData,
  });
  const url = rendition.data?.asset?.variantUrl ?? null;
  const set = (change: Partial<RenditionSettings>) => setSettings((s) => ({ ...s, ...change }));
  const bothSides = settings.width !== '' && settings.height !== '';
  const lossy = LOSSY.has(settings.format);

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="rendition-title">
      <Stack gap="md">
        <div>
          <Title order={2} size="h4" id="rendition-title">
            Rendition builder
          </Title>
          <Text size="sm" c="dimmed">
            Pick a size, fit, format and quality; the preview and the link follow. Location and other
            metadata are never in a rendition.
          </Text>
        </div>
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Stack gap="sm">
              <Group grow align="flex-start">
                <NumberInput
                  label="Width"
                  suffix=" px"
                  min={1}
                  max={Math.min(MAX_DIMENSION, MAX_UPSCALE * asset.width)}
                  allowDecimal={false}
                  allowNegative={false}
                  placeholder="Auto"
                  value={settings.width}
                  onChange={(v) => set({ width: toNumber(v) })}
                  error={fieldErrors.width}
                />
                <NumberInput
                  label="Height"
                  suffix=" px"
                  min={1}
                  max={Math.min(MAX_DIMENSION, MAX_UPSCALE * asset.height)}
                  allowDecimal={false}
                  allowNegative={false}
                  placeholder="Auto"
                  value={settings.height}
                  onChange={(v) => set({ height: toNumber(v) })}
                  error={fieldErrors.height}
                />
              </Group>
              <Select
                label="Fit"
                data={FITS.map((f) => ({ value: f.value, label: f.label }))}
                value={settings.fit}
                onChange={(v) => v && set({ fit: v as ImageFit })}
                allowDeselect={false}
                disabled={!bothSides}
                description={
                  bothSides
                    ? `${FITS.find((f) => f.value === settings.fit)?.description ?? ''}.`
                    : 'Applies when both width and height are set.'
                }
              />
              <Select
                label="Format"
                data={FORMATS}
                value={settings.format}
                onChange={(v) => v && set({ format: v as ImageFormat })}
                allowDeselect={false}
              />
              <NumberInput
                label="Quality"
                min={1}
                max={100}
                allowDecimal={false}
                allowNegative={false}
                placeholder="Format default"
                value={lossy ? settings.quality : ''}
                onChange={(v) => set({ quality: toNumber(v) })}
                disabled={!lossy}
                description={lossy ? '1 to 100; lower is smaller.' : 'PNG is lossless.'}
                error={fieldErrors.quality}
              />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack gap="sm">
              {rendition.isError && (
                <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
                  {describeError(rendition.error)}
                </Alert>
              )}
              {url ? (
                <>
                  <Preview url={url} filename={asset.filename} />
                  <CopyableUrl url={url} label="Rendition URL" />
                  <Text size="xs" c="dimmed">
                    {asset.visibility === 'PUBLIC'
                      ? 'A permanent link while the image stays public.'
                      : 'The image is private: this link is signed and expires. Make it public for a permanent link.'}
                  </Text>
                </>
              ) : (
                !rendition.isError && (
                  <Center mih={220} role="status">
                    <Loader size="sm" aria-label="Preparing the link" />
                  </Center>
                )
              )}
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
    </Card>
  );
}
