import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { hostRpc } from './support/rpc';

const column = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
// The count badge, not the rendered cards: columns are virtualised.
const count = (page: Page, name: string) => column(page, name).getByLabel(/^\d+ ports?$/);
// The filter bar's tag select (the Tag dialog has a "Tag" field of its own).
const tagFilter = (page: Page) => page.getByRole('group', { name: 'Filters' }).getByRole('combobox', { name: 'Tag' });

test('tag 20 selected cards, filter and search by the tag, and the tags survive a reload', async ({ page, host }) => {
  const call = hostRpc(host);
  for (let i = 1; i <= 20; i++) await call('ports.create', { fields: { name: `Batch ${String(i).padStart(2, '0')}` } });
  await call('ports.create', { fields: { name: 'Other one' } });
  await call('ports.create', { fields: { name: 'Other two' } });
  await page.reload();
  await expect(count(page, 'Unconfirmed')).toHaveText('22');

  await page.getByRole('searchbox', { name: 'Search ports' }).fill('Batch');
  await expect(count(page, 'Unconfirmed')).toHaveText('20');
  await page.getByRole('checkbox', { name: 'Select all in Unconfirmed' }).check();
  const bar = page.getByRole('toolbar', { name: 'Selection' });
  await expect(bar).toContainText('20 selected');
  await bar.getByRole('button', { name: 'Tag…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Tag 20 ports' });
  await dialog.getByRole('combobox', { name: 'Tag' }).fill('Q4 move');
  await dialog.getByRole('button', { name: 'Add tag' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('announcer')).toHaveText(/Tagged 20 of 20 ports with "Q4 move"/);
  await expect(column(page, 'Unconfirmed').getByRole('group', { name: 'Batch 20', exact: true })).toContainText('Q4 move');

  await page.getByRole('searchbox', { name: 'Search ports' }).fill('');
  await tagFilter(page).selectOption('Q4 move');
  await expect(count(page, 'Unconfirmed')).toHaveText('20');
  await expect(column(page, 'Unconfirmed').getByRole('group', { name: /^Other/ })).toHaveCount(0);

  await page.reload();
  await expect(count(page, 'Unconfirmed')).toHaveText('22');
  await page.getByRole('searchbox', { name: 'Search ports' }).fill('q4 mo');
  await expect(count(page, 'Unconfirmed')).toHaveText('20');
  const one = (await call('ports.list', {})).find((p) => p.name === 'Batch 07');
  expect(one?.tags).toEqual(['Q4 move']);
  expect((await call('ports.get', { id: one?.id ?? '' })).timeline.at(-1)).toMatchObject({ kind: 'tags', message: 'Tagged "Q4 move"' });

  // Removing the tag from part of the board.
  await page.getByRole('searchbox', { name: 'Search ports' }).fill('Batch 0');
  await expect(count(page, 'Unconfirmed')).toHaveText('9');
  await page.getByRole('checkbox', { name: 'Select all in Unconfirmed' }).check();
  await bar.getByRole('button', { name: 'Tag…' }).click();
  await page.getByRole('dialog', { name: 'Tag 9 ports' }).getByRole('combobox', { name: 'Tag' }).fill('Q4 move');
  await page.getByRole('dialog', { name: 'Tag 9 ports' }).getByRole('button', { name: 'Remove tag' }).click();
  await expect(page.getByRole('dialog', { name: 'Tag 9 ports' })).toBeHidden();
  await page.getByRole('searchbox', { name: 'Search ports' }).fill('');
  await tagFilter(page).selectOption('Q4 move');
  await expect(count(page, 'Unconfirmed')).toHaveText('11');
});
