import { Alert, Button, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconMailCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert } from '../../components/FormAlert';
import { describeError } from '../../lib/errors';
import { graphqlRequest } from '../../lib/graphql';
import { applyUserErrors } from '../../lib/userErrors';
import { AnonymousDataRequestMutation } from './queries';
import { AuthCard } from '../../components/AuthCard';
import {
  EMPTY_REQUEST,
  KINDS,
  PURPOSES,
  needsGrounds,
  requestInput,
  validateRequest,
  type DataRequestValues,
} from './dataRequestChoices';

/** /data-request: any right over one's data (a copy, a correction, the erasure, a restriction,
 * an objection), for anyone, with or without an account (someone who wrote to us, reported an
 * image or only browsed). The request is confirmed by a link sent to the address; the answer
 * here is the same whether an account uses it or not. */
export function DataRequestPage() {
  const [general, setGeneral] = useState<string[]>([]);
  const form = useForm<DataRequestValues>({
    mode: 'controlled',
    initialValues: EMPTY_REQUEST,
    validate: validateRequest,
  });
  const submit = useMutation({
    mutationFn: (values: DataRequestValues) =>
      graphqlRequest(AnonymousDataRequestMutation, { input: requestInput(values) }),
    onSuccess: ({ submitDataSubjectRequest: payload }) => {
      if (payload.errors.length > 0) setGeneral(applyUserErrors(form, payload.errors));
    },
    onError: (error) => setGeneral([describeError(error)]),
  });
  const sent = submit.isSuccess && submit.data.submitDataSubjectRequest.errors.length === 0;
  return (
    <AuthCard
      title="Ask for your data"
      subtitle="With or without an account: we look for everything we hold about your email address and this browser."
    >
      {sent ? (
        <Alert color="teal" icon={<IconMailCheck size={18} />} title="Check your inbox">
          We sent a link to {form.values.email.trim()}. Follow it within 24 hours to confirm the
          request.
        </Alert>
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            setGeneral([]);
            submit.mutate(values);
          })}
        >
          <Stack gap="md">
            <FormAlert messages={general} />
            <Radio.Group label="What do you ask for?" {...form.getInputProps('kind')}>
              <Stack gap="xs" mt="xs">
                {KINDS.map((kind) => (
                  <Radio key={kind.value} value={kind.value} label={kind.label} description={kind.help} />
                ))}
              </Stack>
            </Radio.Group>
            {form.values.kind === 'OBJECTION' && (
              <Radio.Group label="What do you object to?" required {...form.getInputProps('purpose')}>
                <Stack gap="xs" mt="xs">
                  {PURPOSES.map((purpose) => (
                    <Radio key={purpose.value} value={purpose.value} label={purpose.label} />
                  ))}
                </Stack>
              </Radio.Group>
            )}
            {form.values.kind === 'RECTIFICATION' && (
              <TextInput
                label="Your name as it should be"
                autoComplete="name"
                required
                {...form.getInputProps('corrections')}
              />
            )}
            <TextInput
              label="Email"
              type="email"
              autoComplete="email"
              required
              {...form.getInputProps('email')}
            />
            {needsGrounds(form.values) ? (
              <Textarea
                label="Your grounds"
                description="Which use of your data you object to, and why."
                required
                {...form.getInputProps('details')}
              />
            ) : (
              <Textarea label="Anything we should know" description="Optional" {...form.getInputProps('details')} />
            )}
            <Text size="sm" c="dimmed">
              Have an account? Sign in and use the privacy centre instead: it is quicker.
            </Text>
            <Button type="submit" loading={submit.isPending}>
              Send request
            </Button>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
