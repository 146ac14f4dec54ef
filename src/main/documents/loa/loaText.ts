import type { PortFields } from '../../../shared/model';
import { addressLine } from '../../../shared/domain/address';

/** A labelled value in the LOA's field grid; an empty value leaves a line to fill in by hand. */
export interface LoaField {
  label: string;
  value: string;
}

/**
 * The service address on one line, as carriers print it: every street part and the unit
 * ("1543 N Oak Ave Apt 4"), city, region postal code, country.
 */
export function formatAddress(fields: PortFields): string {
  const cityLine = [fields.locality, [fields.region, fields.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return [addressLine(fields), cityLine, fields.country.toUpperCase()].map((s) => s.trim()).filter(Boolean).join(', ');
}

/** `March 4, 2025`: the unambiguous written date used on US letters. */
export function formatLoaDate(date: Date): string {
  return new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'long', day: 'numeric' }).format(date);
}

/** `2025-03-20` (a port's requested date) as `March 20, 2025`; empty stays empty. */
export function formatIsoDate(iso: string): string {
  if (iso === '') return '';
  return formatLoaDate(new Date(`${iso}T12:00:00`));
}

/**
 * The account-holder fields, in the order a losing carrier checks them. The PIN is printed in full,
 * not masked: the losing carrier validates the port against it and rejects an LOA whose PIN it
 * cannot read, and the letter already carries the account number and goes only to the carriers.
 * The specialist is reminded of this in the UI that offers the download.
 */
export function accountFields(fields: PortFields, btn: string): { left: LoaField[]; right: LoaField[] } {
  return {
    left: [
      { label: 'Customer name (as shown on the bill)', value: fields.billingName },
      { label: 'Billing telephone number (BTN)', value: btn },
      { label: 'Account PIN / passcode', value: fields.pin },
    ],
    right: [
      { label: 'Authorized person', value: fields.authorizedPerson },
      { label: 'Account number', value: fields.accountNumber },
      { label: 'Requested port date', value: formatIsoDate(fields.transferDate) },
    ],
  };
}

/**
 * The authorization the customer signs. It names both carriers and the account holder so the letter
 * stands on its own, and follows the wording North American carriers accept for LNP.
 */
export function authorizationText(fields: PortFields, numberCount: number): string {
  const person = fields.authorizedPerson || 'the undersigned';
  const holder = fields.billingName || 'the account holder';
  const winning = fields.winningCarrier || 'the new service provider';
  const losing = fields.losingCarrier || 'the current service provider';
  const count = numberCount === 1 ? 'the telephone number' : `the ${numberCount.toLocaleString('en-US')} telephone numbers`;
  return (
    `I, ${person}, am authorized to act for ${holder} on the account described above. I authorize ${winning} and its ` +
    `designated agents to notify ${losing} of this decision to change service providers and to transfer ("port") ` +
    `${count} listed in this letter from ${losing} to ${winning}. I confirm that the information above matches the ` +
    `records of ${losing}, and I understand that service for these numbers with ${losing} ends when the port completes ` +
    `and that features such as directory listings, voicemail and long-distance service may need to be arranged again.`
  );
}
