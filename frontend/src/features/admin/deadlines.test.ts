import { describe, expect, it } from 'vitest';
import { addMonths, dueState, extendedDue, firstDue, latestDue, maxExtensionDays, wasExtended } from './deadlines';

const now = new Date('2026-03-10T12:00:00Z');
const at = (iso: string) => iso;

describe('dueState', () => {
  it('counts days left to the nearest day, and calls the last week "soon"', () => {
    expect(dueState(at('2026-03-13T13:00:00Z'), 'VERIFIED', now)).toEqual({ tone: 'soon', label: '3 days left' });
    expect(dueState(at('2026-03-13T11:00:00Z'), 'VERIFIED', now)).toEqual({ tone: 'soon', label: '3 days left' });
    expect(dueState(at('2026-03-12T17:00:00Z'), 'VERIFIED', now)).toEqual({ tone: 'soon', label: '2 days left' });
    expect(dueState(at('2026-04-09T11:59:50Z'), 'VERIFIED', now)).toEqual({ tone: 'ok', label: '30 days left' });
    expect(dueState(at('2026-03-11T14:00:00Z'), 'VERIFIED', now)).toEqual({ tone: 'soon', label: '1 day left' });
    expect(dueState(at('2026-03-11T12:00:00Z'), 'IN_PROGRESS', now)).toEqual({ tone: 'soon', label: '1 day left' });
    expect(dueState(at('2026-03-17T12:00:00Z'), 'VERIFIED', now)).toEqual({ tone: 'soon', label: '7 days left' });
    expect(dueState(at('2026-03-18T12:00:00Z'), 'VERIFIED', now)).toEqual({ tone: 'ok', label: '8 days left' });
  });

  it('counts the last day in hours', () => {
    expect(dueState(at('2026-03-10T17:30:00Z'), 'VERIFIED', now)).toEqual({ tone: 'soon', label: 'Due in 5 hours' });
    expect(dueState(at('2026-03-10T13:00:00Z'), 'VERIFIED', now)).toEqual({ tone: 'soon', label: 'Due in 1 hour' });
    expect(dueState(at('2026-03-10T12:20:00Z'), 'AWAITING_VERIFICATION', now).label).toBe('Due within the hour');
  });

  it('says how late an open request is, in days begun', () => {
    expect(dueState(at('2026-03-10T12:00:00Z'), 'VERIFIED', now)).toEqual({ tone: 'overdue', label: 'Overdue by 1 day' });
    expect(dueState(at('2026-03-10T11:59:00Z'), 'VERIFIED', now).label).toBe('Overdue by 1 day');
    expect(dueState(at('2026-03-08T11:00:00Z'), 'VERIFIED', now).label).toBe('Overdue by 3 days');
  });

  it('believes the server when it says overdue', () => {
    expect(dueState(at('2026-03-10T12:30:00Z'), 'VERIFIED', now, true)).toEqual({
      tone: 'overdue',
      label: 'Overdue by 1 day',
    });
  });

  it('has nothing left to count once the request is answered', () => {
    expect(dueState(at('2026-03-01T00:00:00Z'), 'COMPLETED', now, false)).toEqual({ tone: 'closed', label: 'Answered' });
    expect(dueState(at('2026-03-01T00:00:00Z'), 'REJECTED', now)).toEqual({ tone: 'closed', label: 'Rejected' });
  });
});

describe('due dates and extensions (the server’s calendar months)', () => {
  it('adds calendar months, keeping the day or taking the month’s last', () => {
    expect(addMonths(new Date('2026-01-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(addMonths(new Date('2028-01-31T10:00:00Z'), 1).toISOString()).toBe('2028-02-29T10:00:00.000Z');
    expect(addMonths(new Date('2026-11-15T10:00:00Z'), 3).toISOString()).toBe('2027-02-15T10:00:00.000Z');
  });

  it('is due a month after receipt, and at most three months after', () => {
    expect(firstDue('2026-03-10T09:00:00Z').toISOString()).toBe('2026-04-10T09:00:00.000Z');
    expect(latestDue('2026-03-10T09:00:00Z').toISOString()).toBe('2026-06-10T09:00:00.000Z');
  });

  it('previews an extension and refuses one past the limit', () => {
    const received = '2026-03-10T09:00:00Z';
    const due = '2026-04-10T09:00:00Z';
    expect(extendedDue(received, due, 14)).toEqual({ due: new Date('2026-04-24T09:00:00Z'), allowed: true });
    expect(maxExtensionDays(received, due)).toBe(61);
    expect(extendedDue(received, due, 61).allowed).toBe(true);
    expect(extendedDue(received, due, 62).allowed).toBe(false);
    expect(extendedDue(received, due, 0).allowed).toBe(false);
    expect(maxExtensionDays(received, '2026-06-10T09:00:00Z')).toBe(0);
  });

  it('knows an extended request from one on its first due date', () => {
    expect(wasExtended('2026-03-10T09:00:00Z', '2026-04-10T09:00:00Z')).toBe(false);
    expect(wasExtended('2026-03-10T09:00:00Z', '2026-04-24T09:00:00Z')).toBe(true);
  });
});
