import { X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { ROOT } from './support/host';
import { hostRpc } from './support/rpc';
import { seedDemoPorts } from './support/demoData';
import { screensAtLaptopSizes } from './support/screens';

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name });
const tlsFile = (name: string): string => fileURLToPath(new URL(`../support/tls/${name}`, import.meta.url));
const cert = readFileSync(tlsFile('cert.pem'), 'utf8');
const fingerprint = new X509Certificate(cert).fingerprint256;
const KAZOO = { kind: 'kazoo', url: 'https://crossbar.acme.internal:8443', accountId: '0123456789abcdef0123456789abcdef', token: 'tok-e2e', name: 'Acme Kazoo' } as const;

test('Settings: a connection trusts a pasted certificate, shows its subject and fingerprint, and removes it; what is not a certificate is refused on the field', async ({ page, host }) => {
  const call = hostRpc(host);
  await call('remotes.add', KAZOO);
  await nav(page, 'Settings').click();

  // The add form checks the field as main would: a private key is said to be one, before anything is sent.
  const addField = page.getByLabel('Trusted certificate (PEM, optional)');
  await addField.fill(readFileSync(tlsFile('key.pem'), 'utf8'));
  await addField.blur();
  await expect(page.getByText('Trusted certificate is a private key, not a certificate', { exact: false })).toBeVisible();
  // A PEM-shaped block node:crypto cannot read passes the window's check; main's refusal shows under the field, nothing added.
  const damaged = cert.replace(/\n[A-Za-z0-9+/]{20}/, '\nAAAAAAAAAAAAAAAAAAAA');
  await addField.fill(damaged);
  await page.getByLabel('Server URL').fill('https://kazoo.acme.internal:8443');
  await page.getByLabel('Account ID').fill('fedcba9876543210fedcba9876543210');
  await page.getByLabel('Token', { exact: true }).fill('tok-2');
  await page.getByRole('button', { name: 'Add connection' }).click();
  await expect(page.getByText("The trusted certificate's block is not a readable X.509 certificate (damaged or cut short): copy it again")).toBeVisible();
  await expect(addField).toHaveAttribute('aria-invalid', 'true');
  expect(await call('remotes.list', {})).toHaveLength(1);

  await page.getByRole('button', { name: 'Trusted certificate of Acme Kazoo' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('This connection trusts public certificate authorities only.');
  const field = dialog.getByLabel('Trusted certificate (PEM)');
  await field.fill('hello');
  await dialog.getByRole('button', { name: 'Trust certificate' }).click();
  await expect(dialog.getByText('Trusted certificate holds no certificate: it must be one or more -----BEGIN CERTIFICATE----- blocks (PEM)')).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  // PEM in form, not a certificate inside: main's X.509 parse refuses it, shown on the same field.
  await field.fill(damaged);
  await dialog.getByRole('button', { name: 'Trust certificate' }).click();
  await expect(dialog.getByText("The trusted certificate's block is not a readable X.509 certificate (damaged or cut short): copy it again")).toBeVisible();
  expect((await call('remotes.list', {}))[0]!.trustedCertificates).toEqual([]);

  await field.fill(cert);
  await dialog.getByRole('button', { name: 'Trust certificate' }).click();
  const list = dialog.getByRole('list', { name: 'Trusted certificates' });
  await expect(list).toContainText('localhost');
  await expect(list).toContainText(`SHA-256 ${fingerprint}`);
  await expect(dialog.getByLabel('Replace with (PEM)')).toHaveValue('');
  expect((await call('remotes.list', {}))[0]!.trustedCertificates).toEqual([expect.objectContaining({ subject: 'localhost', fingerprint })]);

  // Choosing a file puts its text in the field; saving replaces the certificate.
  await dialog.locator('input[type=file]').setInputFiles(tlsFile('other-ca.pem'));
  await expect(dialog.getByLabel('Replace with (PEM)')).toHaveValue(readFileSync(tlsFile('other-ca.pem'), 'utf8'));
  await dialog.getByRole('button', { name: 'Trust certificate' }).click();
  await expect(list).toContainText('Another private CA');
  await expect(list).not.toContainText('localhost');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('row', { name: /Acme Kazoo/ })).toContainText('Trusts Another private CA · SHA-256');

  await page.getByRole('button', { name: 'Trusted certificate of Acme Kazoo' }).click();
  await dialog.getByRole('button', { name: 'Remove trusted certificate' }).click();
  await expect(dialog).toContainText('This connection trusts public certificate authorities only.');
  await expect(dialog.getByRole('list', { name: 'Trusted certificates' })).toHaveCount(0);
  expect((await call('remotes.list', {}))[0]!.trustedCertificates).toEqual([]);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('row', { name: /Acme Kazoo/ })).not.toContainText('Trusts');
});

test('Settings: a trusted certificate past its end is marked expired in the list and in the dialog, with what to do', async ({ page, host }) => {
  const call = hostRpc(host);
  const expired = readFileSync(tlsFile('expired-ca.pem'), 'utf8');
  await call('remotes.add', { ...KAZOO, trustedCa: expired });
  await nav(page, 'Settings').click();
  await expect(page.getByRole('row', { name: /Acme Kazoo/ })).toContainText('Trusts Expired private CA · SHA-256');
  await expect(page.getByRole('row', { name: /Acme Kazoo/ }).getByText('Trusted certificate expired', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Trusted certificate of Acme Kazoo' }).click();
  const list = page.getByRole('dialog').getByRole('list', { name: 'Trusted certificates' });
  await expect(list).toContainText("Valid until Jan  1 00:00:00 2021 GMT: expired. The server is refused until this connection trusts the authority's new certificate.");
  await screensAtLaptopSizes(page, 'settings-certificate-expired-dialog');
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await screensAtLaptopSizes(page, 'settings-certificate-expired-list');
});

test('screenshots of the Settings connection form and certificate dialog @screens', async ({ page, host }) => {
  test.skip(!process.env.PORTDESK_SCREENS, 'screenshots run on demand: set PORTDESK_SCREENS=1');
  test.setTimeout(120_000);
  const call = hostRpc(host);
  await seedDemoPorts(call, 300);
  await call('remotes.add', { ...KAZOO, trustedCa: cert });
  await call('remotes.add', { ...KAZOO, name: 'Reseller Kazoo', accountId: 'fedcba9876543210fedcba9876543210' });
  const dir = join(ROOT, 'test-results', 'screens');
  mkdirSync(dir, { recursive: true });
  for (const size of [{ width: 1366, height: 768 }, { width: 1280, height: 720 }]) {
    const tag = `${size.width}x${size.height}`;
    await page.setViewportSize(size);
    await page.reload();
    await nav(page, 'Settings').click();
    await expect(page.getByRole('row', { name: /Acme Kazoo/ })).toContainText('Trusts localhost');
    await page.getByLabel('Trusted certificate (PEM, optional)').fill('not a certificate');
    await page.getByLabel('Trusted certificate (PEM, optional)').blur();
    await page.screenshot({ path: join(dir, `settings-certificate-${tag}.png`), fullPage: true });
    await page.getByRole('button', { name: 'Trusted certificate of Acme Kazoo' }).click();
    await expect(page.getByRole('list', { name: 'Trusted certificates' })).toBeVisible();
    await page.screenshot({ path: join(dir, `settings-certificate-dialog-${tag}.png`) });
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  }
});
