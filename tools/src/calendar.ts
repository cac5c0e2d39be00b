import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { calendarFile, readCalendarData, validateCalendarData, type CalendarYear } from '@hub/kit';

/**
 * `pnpm calendar:set-year --year 2027 --holidays 2027-01-01,2027-02-08,… --make-up-workdays 2027-02-06,…`
 * or `--file year.json` ({ "holidays": [...], "makeUpWorkdays": [...] }): adds or replaces one year
 * of the official calendar when the State Council publishes it. Validates, then writes the data file
 * atomically; running services pick it up on their next deadline computation (no restart).
 * `pnpm calendar:set-year --show` prints the years covered.
 */
function list(value: string | undefined): string[] {
  return value
    ? value
        .split(',')
        .map((d) => d.trim())
        .filter(Boolean)
        .sort()
    : [];
}

function main() {
  const { values } = parseArgs({
    options: {
      year: { type: 'string' },
      holidays: { type: 'string' },
      'make-up-workdays': { type: 'string' },
      file: { type: 'string' },
      show: { type: 'boolean', default: false },
    },
  });
  const file = calendarFile();
  const data = readCalendarData(file);
  if (values.show) {
    for (const [year, entry] of Object.entries(data.years)) {
      console.log(`${year}: ${entry.holidays.length} holidays, ${entry.makeUpWorkdays.length} make-up workdays`);
    }
    console.log(`(${file})`);
    return;
  }
  if (!values.year || !/^\d{4}$/.test(values.year)) throw new Error('--year YYYY is required');
  const entry: CalendarYear = values.file
    ? (JSON.parse(readFileSync(values.file, 'utf8')) as CalendarYear)
    : { holidays: list(values.holidays), makeUpWorkdays: list(values['make-up-workdays']) };
  if (entry.holidays.length === 0) throw new Error('A year without any public holiday is surely a mistake: give --holidays');
  const next = { ...data, years: { ...data.years, [values.year]: { holidays: [...entry.holidays].sort(), makeUpWorkdays: [...entry.makeUpWorkdays].sort() } } };
  validateCalendarData(next);
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(next, null, 2)}\n`);
  renameSync(temporary, file);
  console.log(`Calendar ${values.year} written to ${file}: ${entry.holidays.length} holidays, ${entry.makeUpWorkdays.length} make-up workdays`);
}

try {
  main();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
