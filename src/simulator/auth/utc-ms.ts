/**
 * Milliseconds since the epoch of a UTC calendar time, by arithmetic (the proleptic Gregorian
 * calendar, as `Date` uses). `Date.UTC` is a call into the engine's C++ on every request, and it
 * reads the years 0–99 as 1900–1999; this needs neither the call nor the correction.
 * `utc-ms.test.ts` holds it equal to `Date` for every year from 0 to 9999.
 */

/** Days from 1970-01-01 to a date (month 1–12); H. Hinnant's `days_from_civil`. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The epoch milliseconds of a valid UTC date and time (month 1–12, day of month, hh:mm:ss). */
export function utcMs(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000;
}
