import { Alert, Button, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconMailCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert } from '../../components/FormAlert';
import type { ContactTopic } from '../../gql/graphql';
import { describeError } from '../../lib/errors';
import { graphqlRequest } from '../../lib/graphql';
import { useMe } from '../../lib/useMe';
import { applyUserErrors } from '../../lib/userErrors';
import { ContactMutation } from './queries';
import { AuthCard } from '../../components/AuthCard';

const TOPICS: Array<{ value: ContactTopic; label: string }> = [
  { value: 'GENERAL', label: 'A general question' },
  { value: 'SUPPORT', label: 'Help with Pixvault' },
  { value: 'BILLING', label: 'Billing' },
  { value: 'PRIVACY', label: 'Privacy and your data' },
];

/** /contact: the contact form, for everyone. */
export function ContactPage() {
  const me = useMe().data;
  const [general, setGeneral] = useState<string[]>([]);
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      topic: 'GENERAL' as ContactTopic,
      name: me?.name ?? '',
      email: me?.email ?? '',
      subject: '',
      message: '',
    },
    validate: {
      name: (v) => (v.trim() ? null : 'Enter your name.'),
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter a valid email address.'),
      subject: (v) => (v.trim() ? null : 'Enter a subject.'),
      message: (v) => (v.trim() ? null : 'Write your message.'),
    },
  });
  const send = useMutation({
    mutationFn: (values: typeof form.values) =>
      graphqlRequest(ContactMutation, {
        input: {
          topic: values.topic,
          name: values.name.trim(),
          email: values.email.trim(),
          subject: values.subject.trim(),
          message: values.message.trim(),
        },
      }),
    onSuccess: ({ sendContactMessage: payload }) => {
      if (payload.errors.length > 0) setGeneral(applyUserErrors(form, payload.errors));
    },
    onError: (error) => setGeneral([describeError(error)]),
  });
  const sent = send.isSuccess && send.data.sendContactMessage.errors.length === 0;
  return (
    <AuthCard title="Contact us" subtitle="We answer by email.">
      {sent ? (
        <Alert color="teal" icon={<IconMailCheck size={18} />} title="Message sent">
          Thank you. We sent a confirmation to {form.values.email.trim()}.
        </Alert>
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            setGeneral([]);
            send.mutate(values);
          })}
        >
          <Stack gap="md">
            <FormAlert messages={general} />
            <Select label="Topic" data={TOPICS} allowDeselect={false} {...form.getInputProps('topic')} />
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
              <TextInput label="Name" autoComplete="name" required {...form.getInputProps('name')} />
              <TextInput
                label="Email"
                type="email"
                autoComplete="email"
                required
                {...form.getInputProps('email')}
              />
            </SimpleGrid>
            <TextInput label="Subject" required {...form.getInputProps('subject')} />
            <Textarea label="Message" required rows={6} {...form.getInputProps('message')} />
            <Button type="submit" loading={send.isPending}>
              Send message
            </Button>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
