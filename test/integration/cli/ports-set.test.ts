import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from '../../support/cli';
import { tempDir } from '../../support/temp';

describe('portdesk ports set', () => {
  it('sets fields with the window\'s validation and prints what still stops a submit', async () => {
    const dir = tempDir();
    const db = join(dir, 'set.db');
    const created = await cli(['--db', db, '--json', 'ports', 'create', '--name', 'Maple Street Bakery', '--number', '3125550100']);
    const { id } = JSON.parse(created.stdout) as { id: string };

    const set = await cli(['--db', db, 'ports', 'set', id, '--billing-name', 'Maple Street Bakery LLC', '--authorized-person', 'Dana Whitfield', '--state', 'Illinois', '--zip', '6054', '--pin', '4411']);
    expect(set.code, set.stderr).toBe(0);
    const lines = set.stdout.split('\n');
    expect(lines[0]).toBe(`Updated ${id} "Maple Street Bakery": Name on the bill, Authorized person, State / region, Postal code, PIN / passcode`);
    expect(lines[1]).toBe('Not ready to submit:');
    expect(lines).toContain('  - Losing carrier is missing');
    expect(lines).toContain('  - US ZIP code must be 5 digits (or ZIP+4, 12345-6789); "6054" is not');
    expect(lines).toContain('  - Signed LOA is not attached');

    // The same port as the window sees it: the state stored as its code.
    const shown = JSON.parse((await cli(['--db', db, '--json', 'ports', 'show', id])).stdout) as Record<string, unknown>;
    expect(shown).toMatchObject({ billingName: 'Maple Street Bakery LLC', authorizedPerson: 'Dana Whitfield', region: 'IL', postalCode: '6054', pin: '4411' });

    const json = join(dir, 'fields.json');
    writeFileSync(json, JSON.stringify({ losingCarrier: 'AT&T', winningCarrier: 'Bandwidth', postalCode: '60540', transferDate: '2099-03-02' }));
    const fromJson = await cli(['--db', db, '--json', 'ports', 'set', id, '--from-json', json, '--account-number', '8812-77']);
    expect(fromJson.code, fromJson.stderr).toBe(0);
    const result = JSON.parse(fromJson.stdout) as { changed: string[]; readiness: { field: string }[]; port: Record<string, unknown> };
    expect(result.changed).toEqual(['losingCarrier', 'winningCarrier', 'postalCode', 'accountNumber', 'transferDate']);
    expect(result.port).toMatchObject({ losingCarrier: 'AT&T', postalCode: '60540', accountNumber: '8812-77' });
    expect(result.readiness.map((p) => p.field)).toEqual(['billingPhone', 'street', 'locality', 'loa', 'bill']);

    // Each part of the address has its own option.
    const address = await cli(['--db', db, '--json', 'ports', 'set', id, '--street-number', '1543', '--street-pre-dir', 'N', '--street', 'Oak', '--street-type', 'Ave', '--street-post-dir', 'SW', '--suite', 'Apt 4']);
    expect(address.code, address.stderr).toBe(0);
    const split = JSON.parse(address.stdout) as { changed: string[]; readiness: { field: string }[]; port: Record<string, unknown> };
    expect(split.changed).toEqual(['streetNumber', 'streetPreDir', 'street', 'streetType', 'streetPostDir', 'extendedAddress']);
    expect(split.port).toMatchObject({ streetNumber: '1543', streetPreDir: 'N', street: 'Oak', streetType: 'Ave', streetPostDir: 'SW', extendedAddress: 'Apt 4' });
    expect(split.readiness.map((p) => p.field)).not.toContain('street');
  });

  it('refuses bad values naming their option, and unknown JSON fields, changing nothing', async () => {
    const dir = tempDir();
    const db = join(dir, 'bad.db');
    const { id } = JSON.parse((await cli(['--db', db, '--json', 'ports', 'create', '--name', 'Oak Dental'])).stdout) as { id: string };
    const bad = await cli(['--db', db, 'ports', 'set', id, '--transfer-date', '3/4/2026', '--notification-emails', 'ops@example.com, nope', '--billing-name', 'Oak']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Nothing was changed');
    expect(bad.stderr).toContain('--transfer-date (Requested transfer date): must be a date written YYYY-MM-DD');
    expect(bad.stderr).toContain('--notification-emails (Notification e-mails): must each be an e-mail address');
    const json = join(dir, 'typo.json');
    writeFileSync(json, JSON.stringify({ billname: 'Oak' }));
    const typo = await cli(['--db', db, 'ports', 'set', id, '--from-json', json]);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('unknown field(s) "billname"');
    const shown = JSON.parse((await cli(['--db', db, '--json', 'ports', 'show', id])).stdout) as Record<string, unknown>;
    expect(shown).toMatchObject({ billingName: '', transferDate: '' });
    expect((await cli(['--db', db, 'ports', 'set', id])).stderr).toContain('Nothing to set');
  });
});
