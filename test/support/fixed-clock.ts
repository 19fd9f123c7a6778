/**
 * One instant for the tests whose figures depend on the calendar (the billing period, the day's
 * session limit, "today" in a chart). Mid-month and mid-day, so no fixture lands in another period
 * or another day than the test says.
 */
export const FIXED_NOW = new Date('2026-03-10T12:00:00.000Z');

/**
 * Sets the clock to `at` for the tests of the file, and back to `at` before each test, so no test
 * sees the time another one used. Only `Date` is faked (timers stay real, so Testing Library's
 * waits work) and it keeps ticking from `at`. PGlite reads the clock through `Date`, so the
 * embedded database's `now()` follows: register this before the hooks that create users.
 */
export function setupFixedClock(at: Date = FIXED_NOW): void {
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: at, shouldAdvanceTime: true });
  });
  beforeEach(() => {
    vi.setSystemTime(at);
  });
  afterAll(() => {
    vi.useRealTimers();
  });
}
