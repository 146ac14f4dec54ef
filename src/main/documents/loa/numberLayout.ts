import { getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { isCountryCode } from '../../../shared/domain/numbers';

/** One page's share of the numbers list: `columns` arrays, read top to bottom, then left to right. */
export interface NumberPage {
  columns: string[][];
}

/**
 * Split `numbers` over pages: `firstRows` rows fit on page 1 (possibly 0), `rowsPerPage` on each
 * continuation page, `columnCount` columns each. Numbers run down a column before the next column,
 * the way people scan a sorted list, and a partly filled page balances its columns.
 */
export function paginateNumbers(numbers: readonly string[], firstRows: number, rowsPerPage: number, columnCount: number): NumberPage[] {
  if (rowsPerPage < 1 || columnCount < 1) throw new Error('a continuation page must hold at least one row and column');
  const pages: NumberPage[] = [];
  let index = 0;
  let capacityRows = Math.max(0, firstRows);
  while (index < numbers.length || pages.length === 0) {
    const take = Math.min(capacityRows * columnCount, numbers.length - index);
    const slice = numbers.slice(index, index + take);
    const rows = Math.ceil(slice.length / columnCount);
    const columns: string[][] = [];
    for (let c = 0; c < columnCount && c * rows < slice.length; c++) columns.push(slice.slice(c * rows, (c + 1) * rows));
    pages.push({ columns });
    index += take;
    capacityRows = rowsPerPage;
  }
  return pages;
}

/**
 * Sort and de-duplicate E.164 numbers (numeric order groups NPAs and exchanges together, which is
 * how the losing carrier checks them against its records).
 */
export function orderNumbers(numbers: readonly string[]): string[] {
  return [...new Set(numbers)].sort((a, b) => (a.length - b.length) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * How a number is printed on the LOA: the national format, `(202) 555-0100`, when it belongs to the
 * account's country (US when not set), which is how the customer's bill shows it; international
 * format otherwise so a foreign number is never ambiguous.
 */
export function formatLoaNumber(e164: string, country: string): string {
  const home: CountryCode = isCountryCode(country.toUpperCase()) ? (country.toUpperCase() as CountryCode) : 'US';
  const homeCode = getCountryCallingCode(home);
  // North American numbers are the bulk of large ports and have one national format; writing it
  // directly keeps a 1,000-number LOA fast (full parsing costs ~0.1 ms a number).
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  if (nanp && homeCode === '1') return `(${nanp[1]}) ${nanp[2]}-${nanp[3]}`;
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.countryCallingCode === homeCode ? parsed.formatNational() : parsed.formatInternational();
}
