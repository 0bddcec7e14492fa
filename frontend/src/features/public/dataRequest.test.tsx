import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/App';
import { mockGraphQL } from '../../test/graphqlMock';
import { renderWithProviders } from '../../test/render';

type UserError = { field: string | null; kind: string; message: string };

/** /data-request with the mutation answering `errors`; returns the mock to read its calls. */
async function openForm(errors: UserError[] = []) {
  const gql = mockGraphQL({
    Me: () => ({ data: { me: null } }),
    AnonymousDataRequest: () => ({ data: { submitDataSubjectRequest: { errors } } }),
  });
  renderWithProviders(<App />, { route: '/data-request' });
  await screen.findByRole('radio', { name: /A copy of my data/ });
  fireEvent.change(screen.getByRole('textbox', { name: 'Email' }), {
    target: { value: 'guest@example.test' },
  });
  return gql;
}

function choose(name: RegExp) {
  fireEvent.click(screen.getByRole('radio', { name }));
}

function send() {
  fireEvent.click(screen.getByRole('button', { name: 'Send request' }));
}

describe('the anonymous data request', () => {
  it('asks for a restriction: no purpose, no corrections', async () => {
    const gql = await openForm();
    choose(/Stop using my data, keep it/);
    expect(screen.getByText(/this browser gets no analytics/)).toBeInTheDocument();
    fireEvent.change(screen.getByRole('textbox', { name: 'Anything we should know' }), {
      target: { value: 'I wrote to you by mistake.' },
    });
    send();
    expect(await screen.findByText('Check your inbox')).toBeInTheDocument();
    expect(gql.callsOf('AnonymousDataRequest')[0]?.variables).toEqual({
      input: { kind: 'RESTRICTION', email: 'guest@example.test', details: 'I wrote to you by mistake.' },
    });
  });

  it('objects to marketing emails with the purpose chosen', async () => {
    const gql = await openForm();
    choose(/Object to a use of my data/);
    send();
    expect(await screen.findByText('Choose what you object to.')).toBeInTheDocument();
    expect(gql.callsOf('AnonymousDataRequest')).toHaveLength(0);
    choose(/Marketing emails/);
    send();
    expect(await screen.findByText('Check your inbox')).toBeInTheDocument();
    expect(gql.callsOf('AnonymousDataRequest')[0]?.variables).toEqual({
      input: { kind: 'OBJECTION', email: 'guest@example.test', details: null, purpose: 'MARKETING_EMAIL' },
    });
  });

  it('an objection on other grounds needs the grounds, sent as details', async () => {
    const gql = await openForm();
    choose(/Object to a use of my data/);
    choose(/Another use/);
    send();
    const grounds = await screen.findByRole('textbox', { name: 'Your grounds' });
    expect(grounds).toHaveAccessibleDescription(/Say which use you object to, and why./);
    expect(gql.callsOf('AnonymousDataRequest')).toHaveLength(0);
    fireEvent.change(grounds, { target: { value: ' Keeping my message after I was answered. ' } });
    send();
    expect(await screen.findByText('Check your inbox')).toBeInTheDocument();
    expect(gql.callsOf('AnonymousDataRequest')[0]?.variables).toEqual({
      input: {
        kind: 'OBJECTION',
        email: 'guest@example.test',
        details: 'Keeping my message after I was answered.',
        purpose: 'OTHER',
      },
    });
  });

  it("shows the backend's errors on the purpose and grounds next to those fields", async () => {
    const gql = await openForm([
      { field: 'purpose', kind: 'PURPOSE_REQUIRED', message: 'Say what you object to.' },
      { field: 'details', kind: 'GROUND_REQUIRED', message: 'Give the ground of your objection in details.' },
    ]);
    choose(/Object to a use of my data/);
    choose(/Another use/);
    fireEvent.change(screen.getByRole('textbox', { name: 'Your grounds' }), { target: { value: 'x' } });
    send();
    await waitFor(() => expect(gql.callsOf('AnonymousDataRequest')).toHaveLength(1));
    expect(await screen.findByRole('textbox', { name: 'Your grounds' })).toHaveAccessibleDescription(
      /Give the ground of your objection in details./,
    );
    expect(screen.getByRole('radiogroup', { name: 'What do you object to?' })).toHaveAccessibleDescription(
      'Say what you object to.',
    );
    expect(screen.queryByText('Check your inbox')).not.toBeInTheDocument();
  });

  it('corrects the name, the one field a record without an account can have corrected', async () => {
    const gql = await openForm([
      { field: 'corrections', kind: 'INVALID_VALUE', message: 'Each correction must be text.' },
    ]);
    choose(/Correct my name/);
    send();
    const name = await screen.findByRole('textbox', { name: 'Your name as it should be' });
    expect(name).toHaveAccessibleDescription('Enter your name as it should be.');
    fireEvent.change(name, { target: { value: ' Gwen Guest ' } });
    send();
    await waitFor(() => expect(gql.callsOf('AnonymousDataRequest')).toHaveLength(1));
    expect(gql.callsOf('AnonymousDataRequest')[0]?.variables).toEqual({
      input: {
        kind: 'RECTIFICATION',
        email: 'guest@example.test',
        details: null,
        corrections: { name: 'Gwen Guest' },
      },
    });
    const corrected = await screen.findByRole('textbox', { name: 'Your name as it should be' });
    expect(corrected).toHaveAccessibleDescription('Each correction must be text.');
  });
});
