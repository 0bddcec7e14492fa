import { describe, expect, it } from 'vitest';
import { clockWords } from './BreachesPage';

describe('the 72-hour clock in words', () => {
  it('says the time left, and how late once overdue', () => {
    expect(clockWords(72 * 3600)).toBe('72 h 0 min left');
    expect(clockWords(5 * 3600 + 12 * 60 + 30)).toBe('5 h 12 min left');
    expect(clockWords(59 * 60)).toBe('59 min left');
    expect(clockWords(-(3 * 3600 + 5 * 60))).toBe('overdue by 3 h 5 min');
  });
});
