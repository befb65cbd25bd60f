import { Holiday } from '../entities';
import type { DemoContext } from './context';
import { isoDate, localDate } from './dates';

/** Germany's nationwide fixed-date public holidays (month, day): off-peak all day on the owner's card. */
export const DEMO_HOLIDAYS: Array<{ month: number; day: number; name: string }> = [
  { month: 1, day: 1, name: "New Year's Day" },
  { month: 5, day: 1, name: 'Labour Day' },
  { month: 10, day: 3, name: 'German Unity Day' },
  { month: 12, day: 25, name: 'Christmas Day' },
  { month: 12, day: 26, name: 'Second Day of Christmas' },
];

/** The owner's holiday list, for the year of the seed and the next one (the card's periods use it). */
export async function insertHolidays(context: DemoContext): Promise<void> {
  const { year } = localDate(context.now, 'Europe/Berlin');
  const rows = [year, year + 1].flatMap((y) =>
    DEMO_HOLIDAYS.map(({ month, day, name }) => ({
      tenantId: context.tenants.owner.id,
      date: isoDate(y, month, day),
      name,
    })),
  );
  await context.manager.getRepository(Holiday).insert(rows);
}
