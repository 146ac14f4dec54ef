/**
 * What a workbook's small parts say about its sheets: their names and parts in tab order
 * (xl/workbook.xml and its relationships), the shared strings, which cell styles show dates
 * (xl/styles.xml) and the date system. Read from the parts the guard inflated (xlsxGuard.ts),
 * found through the ZIP directory, so the order the parts are zipped in does not matter.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { isDateFormat, localName, type SheetContext } from './xlsxSheet';

export interface WorkbookSheet {
  name: string;
  /** Its part, lower-cased (xl/worksheets/sheet1.xml). */
  part: string;
}

export interface WorkbookInfo extends SheetContext {
  /** In tab order. */
  sheets: WorkbookSheet[];
}

/** The built-in number formats that show dates and times (ECMA-376 18.8.30, and the East Asian ones). */
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Throws on XML that does not parse (the caller reports the workbook as damaged). */
export function readWorkbookInfo(texts: ReadonlyMap<string, string>): WorkbookInfo {
  const targets = new Map<string, string>();
  walk(texts.get('xl/_rels/workbook.xml.rels'), (name, a) => {
    if (name === 'Relationship' && a.Id && a.Target) targets.set(a.Id, partName(a.Target));
  });
  const sheets: WorkbookSheet[] = [];
  let date1904 = false;
  walk(texts.get('xl/workbook.xml'), (name, a) => {
    if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
    // The relationship id's prefix is whatever the file binds the relationships namespace to.
    const id = name === 'sheet' ? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1] : undefined;
    const part = id === undefined ? undefined : targets.get(id);
    if (part !== undefined && a.name !== undefined) sheets.push({ name: a.name, part });
  });
  return { sheets, date1904, sharedStrings: sharedStrings(texts.get('xl/sharedstrings.xml')), isDate: dateStyles(texts.get('xl/styles.xml')) };
}

/** A relationship's target as a part name: relative to xl/, or absolute from the package root. */
function partName(target: string): string {
  return (target.startsWith('/') ? target.slice(1) : `xl/${target}`).toLowerCase();
}

/** Each <si>'s text: its runs joined, phonetic hints (<rPh>) left out. */
function sharedStrings(xml: string | undefined): string[] {
  const strings: string[] = [];
  let text: string | undefined;
  let inText = false;
  let phonetic = 0;
  walk(
    xml,
    (name) => {
      if (name === 'si') text = '';
      else if (name === 'rPh') phonetic++;
      else if (name === 't') inText = phonetic === 0;
    },
    (chunk) => {
      if (inText && text !== undefined) text += chunk;
    },
    (name) => {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') {
        strings.push(text ?? '');
        text = undefined;
      }
    },
  );
  return strings;
}

/** Whether each cell style (an index into <cellXfs>) shows a date. */
function dateStyles(xml: string | undefined): (style: number) => boolean {
  const custom = new Map<number, string>();
  const styles: number[] = [];
  let inCellXfs = false;
  walk(
    xml,
    (name, a) => {
      if (name === 'numFmt' && a.numFmtId !== undefined) custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) styles.push(Number(a.numFmtId ?? 0));
    },
    undefined,
    (name) => {
      if (name === 'cellXfs') inCellXfs = false;
    },
  );
  const dates = styles.map((id) => (custom.has(id) ? isDateFormat(custom.get(id)) : BUILT_IN_DATES.has(id)));
  return (style) => dates[style] === true;
}

/** A SAX pass over a small part (tag names without their namespace prefix). */
function walk(
  xml: string | undefined,
  open: (name: string, attributes: Record<string, string | undefined>) => void,
  text?: (text: string) => void,
  close?: (name: string) => void,
): void {
  if (xml === undefined) return;
  const parser = new SaxesParser();
  parser.on('opentag', (tag: SaxesTagPlain) => open(localName(tag.name), tag.attributes as Record<string, string | undefined>));
  if (text) parser.on('text', text);
  if (close) parser.on('closetag', (tag) => close(localName(tag.name)));
  parser.write(xml).close();
}
