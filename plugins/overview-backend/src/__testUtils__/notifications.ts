import {
  createServiceFactory,
  SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import {
  notificationService,
  NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import {
  SignalPayload,
  signalsServiceRef,
} from '@backstage/plugin-signals-node';

/**
 * The services the owner notifications use, recording what they are given: the
 * notifications sent, the signals published, and the scheduled task (run by the test, on
 * its own clock, instead of by timers).
 */
export function recordingNotificationServices() {
  const sent: NotificationSendOptions[] = [];
  const signals: SignalPayload[] = [];
  const tasks: SchedulerServiceTaskInvocationDefinition[] = [];
  let failSends = false;
  return {
    sent,
    signals,
    tasks,
    /** Makes the notifications backend fail (or work again). */
    failSends(fail: boolean) {
      failSends = fail;
    },
    /** Runs the watcher's scheduled task once. */
    async runWatcher() {
      const task = tasks.find(t => t.id === 'overview-owner-notifications');
      if (!task) throw new Error('the watcher was not scheduled');
      await task.fn(new AbortController().signal);
    },
    features: [
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({
          async send(options: NotificationSendOptions) {
            if (failSends)
              throw new Error('notifications backend answered 503');
            sent.push(options);
          },
        }),
      }),
      createServiceFactory({
        service: signalsServiceRef,
        deps: {},
        factory: () => ({
          async publish(signal: SignalPayload) {
            signals.push(signal);
          },
        }),
      }),
      mockServices.scheduler.mock({
        scheduleTask: async task => {
          tasks.push(task);
        },
      }).factory,
    ],
  };
}
