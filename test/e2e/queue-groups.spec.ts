import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { hostRpc } from './support/rpc';
import { READY_FIELDS } from '../support/port-fields';

const grid = (page: Page) => page.getByRole('grid', { name: 'Ports' });
const groupToggle = (page: Page, label: string) => grid(page).getByRole('button', { name: new RegExp(`^${label}\\s*\\d+`) });
const portRow = (page: Page, name: string) => grid(page).getByRole('row').filter({ has: page.getByRole('checkbox', { name: `Select ${name}`, exact: true }) });

test('the table groups rows by state or account, with counts; a group closes and its rows select together', async ({ page, host }) => {
  const call = hostRpc(host);
  for (const [name, account, submit] of [
    ['Acme one', 'Acme', false],
    ['Acme two', 'Acme', true],
    ['Birch one', 'Birch', false],
    ['Birch two', 'Birch', false],
    ['Birch three', 'Birch', true],
  ] as const) {
    const p = await call('ports.create', { fields: { ...READY_FIELDS, name, accountName: account }, numbers: [], remoteId: null });
    if (submit) await call('ports.move', { id: p.id, to: 'submitted', force: true });
  }
  await page.reload();
  await page.getByRole('radio', { name: 'Table' }).click();
  await page.getByRole('combobox', { name: 'Group' }).selectOption('state');

  await expect(groupToggle(page, 'Unconfirmed')).toContainText('3');
  await expect(groupToggle(page, 'Submitted')).toContainText('2');
  await expect(groupToggle(page, 'Unconfirmed')).toHaveAttribute('aria-expanded', 'true');

  // Closing a group hides its rows and keeps its header and count.
  await groupToggle(page, 'Unconfirmed').click();
  await expect(groupToggle(page, 'Unconfirmed')).toHaveAttribute('aria-expanded', 'false');
  await expect(portRow(page, 'Birch one')).toHaveCount(0);
  await expect(portRow(page, 'Birch three')).toBeVisible();
  await groupToggle(page, 'Unconfirmed').click();
  await expect(portRow(page, 'Birch one')).toBeVisible();

  // The header's checkbox selects the group's ports for the bulk actions.
  await grid(page).getByRole('checkbox', { name: 'Select all in Submitted' }).check();
  await expect(page.getByText('2 selected')).toBeVisible();
  await expect(portRow(page, 'Acme two')).toHaveAttribute('aria-selected', 'true');
  await expect(portRow(page, 'Acme one')).toHaveAttribute('aria-selected', 'false');
  await page.getByRole('button', { name: 'Clear selection' }).click();

  // By account, remembered across a reload.
  await page.getByRole('combobox', { name: 'Group' }).selectOption('account');
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Group' })).toHaveValue('account');
  await expect(groupToggle(page, 'Acme')).toContainText('2');
  await expect(groupToggle(page, 'Birch')).toContainText('3');
  const lines = await grid(page).getByRole('row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-group') ?? r.getAttribute('data-port-id') ?? 'head'));
  expect(lines.filter((l) => l === 'Acme' || l === 'Birch')).toEqual(['Acme', 'Birch']);
  expect(lines.indexOf('Birch')).toBe(lines.indexOf('Acme') + 3);
});
