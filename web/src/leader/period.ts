/** China Standard Time, UTC+8 all year: Asia/Shanghai has had no daylight saving time since 1991. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * Dates as YYYY-MM-DD in Asia/Shanghai, the district's calendar, whatever the browser's zone. By
 * arithmetic rather than `Intl.DateTimeFormat` with a time zone: the page's first script calls this,
 * and the browser's first time-zone formatter loads its time-zone data (tens to hundreds of ms of
 * the leader overview's start).
 */
export function shanghaiToday(now = new Date()): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** An instant as YYYY-MM-DD HH:mm in Asia/Shanghai, in either language and whatever the browser's zone (the app's date format). */
export function shanghaiDateTime(at: string | Date): string {
  return new Date(new Date(at).getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The bimonthly period (每两月集中研判: Jan–Feb, Mar–Apr, …) that contains the day. */
export function twoMonthPeriod(today: string): { from: string; to: string } {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const first = month % 2 === 1 ? month : month - 1;
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(first + 1)}-${pad(lastDayOfMonth(year, first + 1))}` };
}

export function yearPeriod(today: string): { from: string; to: string } {
  const year = today.slice(0, 4);
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** The first days of the last `count` months up to the day's month, oldest first (for history charts). */
export function monthStarts(today: string, count: number): string[] {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const days: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const index = year * 12 + (month - 1) - i;
    days.push(`${Math.floor(index / 12)}-${pad((index % 12) + 1)}-01`);
  }
  return days;
}
