import { shanghaiDateOf } from './calendar/calendar';

/**
 * A slice's clock: the current instant and today's date in Asia/Shanghai (every period of the hub is
 * counted on that date). Every request's context carries the slice's clock (`context.clock`), so the
 * resolvers, the services and the kit's input rules agree on "today", and a test fixes it in one place.
 */
export interface Clock {
  now(): Date;
  /** Today in Asia/Shanghai, YYYY-MM-DD. */
  today(): string;
}

/** A clock reading `now` (the system clock by default). */
export function clockOf(now: () => Date = () => new Date()): Clock {
  return { now, today: () => shanghaiDateOf(now()) };
}

/** The system clock. */
export const systemClock: Clock = clockOf();
