import { Connection, currentCalendar, LocalDateScalar, PageArgs, pageWindow, toConnection } from '@hub/kit';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ProjectRef } from '../federation/refs';
import type { Context } from '../loaders';
import { PerformanceNotification } from './notification.entity';
import { PerformanceNotificationFilter, PerformanceNotificationInput } from './notification.inputs';
import { Allowed } from '../access-policy';

export const PerformanceNotificationConnection = Connection(PerformanceNotification, 'PerformanceNotification');

@Resolver(() => PerformanceNotification)
export class NotificationResolver {
  @Allowed('query.performanceNotifications')
  @Query(() => PerformanceNotificationConnection, { description: 'Performance notifications, newest first; a department sees its own.' })
  async performanceNotifications(
    @Args() page: PageArgs,
    @Arg('filter', () => PerformanceNotificationFilter, {
      nullable: true,
      description: 'Conditions the notifications must meet; null lists all the caller may see.',
    })
    filter: PerformanceNotificationFilter | null,
    @Ctx() { services }: Context,
  ) {
    const window = pageWindow(page);
    const [rows, total] = await services.notifications.list(filter ?? undefined, window);
    return toConnection(rows, total, window);
  }

  @Allowed('query.performanceNotification')
  @Query(() => PerformanceNotification, {
    nullable: true,
    description: 'A performance notification: leaders, the bureau, and the notifying department for its own; null when none has the id.',
  })
  performanceNotification(@Arg('id', () => ID, { description: 'UUID of the notification.' }) id: string, @Ctx() { services }: Context) {
    return services.notifications.get(id);
  }

  @Allowed('mutation.notifyPerformanceFinding')
  @Mutation(() => PerformanceNotification, {
    description: 'A line department notifies the bureau of performance (履约) findings on a project it supervises; recording is due in 7 working days.',
  })
  notifyPerformanceFinding(@Arg('input', { description: 'The notification.' }) input: PerformanceNotificationInput, @Ctx() { services }: Context) {
    return services.notifications.notify(input);
  }

  @Allowed('mutation.closePerformanceNotification')
  @Mutation(() => PerformanceNotification, { description: 'The bureau closes a notification without a record (no deduction warranted), with the reason.' })
  closePerformanceNotification(
    @Arg('id', () => ID, { description: 'UUID of the notification.' }) id: string,
    @Arg('note', { description: 'Why no record is warranted, 1 to 4000 characters.' }) note: string,
    @Arg('closedOn', () => LocalDateScalar, { nullable: true, description: 'Default today.' }) closedOn: string | null,
    @Ctx() { services }: Context,
  ) {
    return services.notifications.close(id, note, closedOn);
  }

  @FieldResolver(() => ProjectRef, { description: 'The project the notification is about.' })
  project(@Root() notification: PerformanceNotification): ProjectRef {
    return { id: notification.projectId };
  }

  @FieldResolver(() => Boolean, { description: 'Neither recorded nor closed, and the due date has passed (today, Asia/Shanghai).' })
  overdue(@Root() notification: PerformanceNotification, @Ctx() { clock }: Context): boolean {
    return notification.overdueOn(clock.today());
  }

  @FieldResolver(() => Int, { description: 'Working days from today to the due date (negative when overdue); 0 once recorded or closed.' })
  workingDaysLeft(@Root() notification: PerformanceNotification, @Ctx() { clock }: Context): number {
    if (notification.recordedOn || notification.closedOn) return 0;
    return currentCalendar().workingDaysBetween(clock.today(), notification.recordingDueOn);
  }
}
