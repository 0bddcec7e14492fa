/**
 * Due dates of data subject requests, as the privacy officer reads them: how long is left,
 * how late one is, and what an extension would make of the due date. The server's rules
 * (privacy/deadlines.py): one calendar month to answer, extendable by at most two more.
 */

export const ANSWER_MONTHS = 1;
export const MAX_EXTENSION_MONTHS = 2;
const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

/** How urgent a request is: `closed` once answered, `overdue` past its due date. */
export type DueTone = 'closed' | 'ok' | 'soon' | 'overdue';

export interface DueState {
  tone: DueTone;
  /** "3 days left", "Due in 5 hours", "Overdue by 2 days", "Answered" */
  label: string;
}

/** Requests still waiting on the privacy officer (or the requester). */
export function isOpen(status: string): boolean {
  return status !== 'COMPLETED' && status !== 'REJECTED';
}

/** Within this many days of the due date a request is shown as due soon. */
export const SOON_DAYS = 7;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The time left until `dueAt` in words: days to the nearest day (a request received just now,
 * due in a month less a few seconds, has "30 days left"; 2 days and 5 hours is "2 days left"),
 * the last day in hours, and late ones in days begun ("Overdue by 1 day" from the first minute
 * past the due date). `overdue`, when the server says so, wins over the local clock.
 */
export function dueState(
  dueAt: string,
  status: string,
  now: Date = new Date(),
  overdue?: boolean,
): DueState {
  if (!isOpen(status)) {
    return { tone: 'closed', label: status === 'REJECTED' ? 'Rejected' : 'Answered' };
  }
  const due = new Date(dueAt).getTime();
  const left = due - now.getTime();
  if (overdue || left <= 0) {
    const late = Math.max(1, Math.ceil(-left / DAY));
    return { tone: 'overdue', label: `Overdue by ${plural(late, 'day')}` };
  }
  if (left < DAY) {
    const hours = Math.floor(left / HOUR);
    return {
      tone: 'soon',
      label: hours < 1 ? 'Due within the hour' : `Due in ${plural(hours, 'hour')}`,
    };
  }
  const days = Math.max(1, Math.round(left / DAY));
  return { tone: days <= SOON_DAYS ? 'soon' : 'ok', label: `${plural(days, 'day')} left` };
}

/** The same day `months` later, or that month's last day when it is shorter (in UTC, as the server). */
export function addMonths(moment: Date, months: number): Date {
  const index = moment.getUTCMonth() + months;
  const year = moment.getUTCFullYear() + Math.floor(index / 12);
  const month = ((index % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const result = new Date(moment.getTime());
  result.setUTCFullYear(year, month, Math.min(moment.getUTCDate(), lastDay));
  return result;
}

/** The due date before any extension: one month after receipt. */
export function firstDue(receivedAt: string): Date {
  return addMonths(new Date(receivedAt), ANSWER_MONTHS);
}

/** The latest a request may be extended to: three months after receipt. */
export function latestDue(receivedAt: string): Date {
  return addMonths(new Date(receivedAt), ANSWER_MONTHS + MAX_EXTENSION_MONTHS);
}

/** The due date after extending by `days`, and whether the law allows it. */
export function extendedDue(
  receivedAt: string,
  dueAt: string,
  days: number,
): { due: Date; allowed: boolean } {
  const due = new Date(new Date(dueAt).getTime() + days * DAY);
  return { due, allowed: days > 0 && due.getTime() <= latestDue(receivedAt).getTime() };
}

/** The most whole days a request may still be extended by (0 when none). */
export function maxExtensionDays(receivedAt: string, dueAt: string): number {
  const room = latestDue(receivedAt).getTime() - new Date(dueAt).getTime();
  return Math.max(0, Math.floor(room / DAY));
}

/** true once the due date has been moved past the first one. */
export function wasExtended(receivedAt: string, dueAt: string): boolean {
  return new Date(dueAt).getTime() > firstDue(receivedAt).getTime();
}
