import { PDFDocument, StandardFonts, rgb } from '@cantoo/pdf-lib';
import { fromGregorian } from '../util/time';

/** Data an LOA is built from. */
export interface LoaInput {
  accountName: string;
  port: Record<string, unknown>;
  /** Which schema's bill names the street (port_requests.json at 4.2.48 / 4.3.99). */
  version: '4.2' | '4.3';
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Build a one-page Letter of Authorization from a port request's data. */
export async function buildLoaPdf({ accountName, port, version }: LoaInput): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`LOA ${str(port.name)}`);
  pdf.setAuthor(accountName);
  pdf.setCreator('PortDesk sandbox');
  const page = pdf.addPage([612, 792]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let y = 740;
  const line = (text: string, size = 11, f = font): void => {
    page.drawText(text, { x: 56, y, size, font: f, color: rgb(0.1, 0.1, 0.1) });
    y -= size + 7;
  };
  const bill = (port.bill ?? {}) as Record<string, unknown>;
  line('LETTER OF AUTHORIZATION', 18, bold);
  line(`Port request: ${str(port.name)} (${str(port.id)})`);
  line(`Account: ${accountName}`);
  y -= 8;
  line('Customer (as billed by the losing carrier)', 12, bold);
  line(`Name: ${str(bill.name)}`);
  // 4.3: every part of the split street (street_address is the name); 4.2: its one line
  // (street_address, or the docs' older `address`), whatever other keys a client kept beside it.
  const parts = version === '4.3' ? ['street_number', 'street_pre_dir', 'street_address', 'street_type', 'street_post_dir'] : ['street_address'];
  const street = parts.map((k) => str(bill[k])).filter(Boolean).join(' ');
  line(`Service address: ${[street || str(bill.address), str(bill.extended_address)].filter(Boolean).join(', ')}`);
  line(`City/State/ZIP: ${str(bill.locality)}, ${str(bill.region)} ${str(bill.postal_code)}`);
  line(`Account number: ${str(bill.account_number)}    BTN: ${str(bill.btn)}`);
  line(`Losing carrier: ${str(port.carrier) || str(bill.carrier)}`);
  y -= 8;
  line('Telephone numbers to port', 12, bold);
  const numbers = Object.keys((port.numbers ?? {}) as Record<string, unknown>);
  for (const n of numbers.slice(0, 30)) line(n, 10);
  if (numbers.length > 30) line(`... and ${numbers.length - 30} more`, 10);
  y -= 8;
  line('I authorize the winning carrier to act as my agent to port the numbers above.', 10);
  const signingDate = typeof port.signing_date === 'number' ? new Date(fromGregorian(port.signing_date)) : undefined;
  line(`Authorized signature: ${str(port.signee_name)}`);
  line(`Date: ${signingDate ? signingDate.toISOString().slice(0, 10) : ''}`);
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}
