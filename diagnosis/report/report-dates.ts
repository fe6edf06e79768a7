/**
 * Dates as the reader reads them: the report is made where the engine runs, but printed in the locale and time zone
 * of the person who asked for it (sent by the UI), never as a raw UTC timestamp. An unknown locale or zone falls back
 * to the engine's own rather than failing the report.
 */
export interface ReaderLocale {
  locale?: string;
  timeZone?: string;
}

function supported(locale: string | undefined): string | undefined {
  if (!locale) return undefined;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale])[0];
  } catch {
    return undefined;
  }
}

function validZone(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

export interface DateFormatter {
  /** a moment (ISO 8601 timestamp): date and time in the reader's zone */
  moment(iso: string | Date): string;
  /** a calendar day (YYYY-MM-DD, as sources state releases): the day itself, whatever the zone */
  day(isoDay: string): string;
  readonly locale: string;
  readonly timeZone: string;
}

export function dateFormatter(reader: ReaderLocale = {}): DateFormatter {
  const locale = supported(reader.locale) ?? new Intl.DateTimeFormat().resolvedOptions().locale;
  const timeZone = validZone(reader.timeZone) ?? new Intl.DateTimeFormat().resolvedOptions().timeZone;
  const moment = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone });
  // a release date names a day, not a moment: formatted in UTC so that no zone moves it to the day before
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  return {
    locale,
    timeZone,
    moment: (iso) => {
      const d = typeof iso === 'string' ? new Date(iso) : iso;
      return Number.isNaN(d.getTime()) ? String(iso) : moment.format(d);
    },
    day: (isoDay) => (/^\d{4}-\d{2}-\d{2}$/.test(isoDay) ? day.format(new Date(`${isoDay}T00:00:00Z`)) : isoDay),
  };
}
