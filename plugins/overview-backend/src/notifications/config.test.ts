import { ConfigReader } from '@backstage/config';
import { readNotificationsConfig } from './config';

const read = (notifications?: object) =>
  readNotificationsConfig(new ConfigReader({ overview: { notifications } }));

describe('overview.notifications', () => {
  it('is off by default, with a 1 min interval, 10 min Degraded, 30 min OutOfSync, 30 days kept', () => {
    expect(read()).toEqual({
      enabled: false,
      intervalMs: 60_000,
      degradedForMs: 600_000,
      outOfSyncForMs: 1_800_000,
      keepClosedForMs: 30 * 24 * 3_600_000,
      maxPullRequestsPerRun: 50,
    });
  });

  it('reads durations as Backstage does, zero allowed for the thresholds only', () => {
    expect(
      read({
        enabled: true,
        interval: '5s',
        degradedFor: { minutes: 0 },
        outOfSyncFor: 'PT2M',
      }),
    ).toMatchObject({
      enabled: true,
      intervalMs: 5000,
      degradedForMs: 0,
      outOfSyncForMs: 120_000,
    });
    expect(() => read({ interval: '0s' })).toThrow(
      /overview\.notifications\.interval must be a positive duration/,
    );
    expect(() => read({ degradedFor: 600 })).toThrow(
      /overview\.notifications\.degradedFor must be a duration with a unit/,
    );
    expect(() => read({ maxPullRequestsPerRun: 0 })).toThrow(
      /overview\.notifications\.maxPullRequestsPerRun must be a positive whole number/,
    );
  });
});
