import { Alert, Button, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconFlagCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { FormAlert } from '../../components/FormAlert';
import type { AbuseReason } from '../../gql/graphql';
import { describeError } from '../../lib/errors';
import { graphqlRequest } from '../../lib/graphql';
import { useMe } from '../../lib/useMe';
import { applyUserErrors } from '../../lib/userErrors';
import { ReportImageMutation } from './queries';
import { AuthCard } from '../../components/AuthCard';

const REASONS: Array<{ value: AbuseReason; label: string }> = [
  { value: 'ILLEGAL', label: 'It is illegal' },
  { value: 'ABUSIVE', label: 'It is abusive' },
  { value: 'INFRINGEMENT', label: 'It infringes my rights (copyright, trademark)' },
  { value: 'PRIVACY_VIOLATION', label: 'It shows me, or my data, without consent' },
  { value: 'OTHER', label: 'Something else' },
];

/** The image id from what was pasted: an id, or a link to the image. */
function imageId(value: string): string {
  const trimmed = value.trim();
  const match = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.exec(trimmed);
  return match ? match[0] : trimmed;
}

/** /report?asset=…: report a public image, for everyone (signed-out people give an email for
 * the decision). */
export function ReportPage() {
  const [params] = useSearchParams();
  const signedIn = !!useMe().data;
  const [general, setGeneral] = useState<string[]>([]);
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      image: params.get('asset') ?? '',
      reason: 'ABUSIVE' as AbuseReason,
      details: '',
      email: '',
    },
    validate: {
      image: (v) => (v.trim() ? null : 'Paste the link to the image, or its id.'),
      email: (v) =>
        signedIn || /^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter a valid email address.',
    },
  });
  const report = useMutation({
    mutationFn: (values: typeof form.values) =>
      graphqlRequest(ReportImageMutation, {
        input: {
          assetId: imageId(values.image),
          reason: values.reason,
          details: values.details.trim() || null,
          reporterEmail: signedIn ? null : values.email.trim(),
        },
      }),
    onSuccess: ({ reportAsset: payload }) => {
      if (payload.errors.length > 0) {
        const fields = payload.errors.map((e) =>
          e.field === 'assetId' ? { ...e, field: 'image' } : e.field === 'reporterEmail' ? { ...e, field: 'email' } : e,
        );
        setGeneral(applyUserErrors(form, fields));
      }
    },
    onError: (error) => setGeneral([describeError(error)]),
  });
  const sent = report.isSuccess && report.data.reportAsset.errors.length === 0;
  return (
    <AuthCard title="Report an image" subtitle="Our team reviews every report.">
      {sent ? (
        <Alert color="teal" icon={<IconFlagCheck size={18} />} title="Report received">
          Thank you. We will tell you what we decided by email.
        </Alert>
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            setGeneral([]);
            report.mutate(values);
          })}
        >
          <Stack gap="md">
            <FormAlert messages={general} />
            <TextInput label="Image" description="Its link, or its id" required {...form.getInputProps('image')} />
            <Select label="Why" data={REASONS} allowDeselect={false} {...form.getInputProps('reason')} />
            <Textarea label="Details" description="Optional" {...form.getInputProps('details')} />
            {!signedIn && (
              <TextInput
                label="Email"
                description="For our decision"
                type="email"
                required
                {...form.getInputProps('email')}
              />
            )}
            <Button type="submit" loading={report.isPending}>
              Send report
            </Button>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
