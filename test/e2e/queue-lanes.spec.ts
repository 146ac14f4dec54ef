import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { hostRpc } from './support/rpc';
import { READY_FIELDS } from '../support/port-fields';

type Call = ReturnType<typeof hostRpc>;

/** `count` submitted ports of one account, "<account> 01".. */
async function submittedPorts(call: Call, account: string, count: number, firstNumber: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 1; i <= count; i++) {
    const p = await call('ports.create', { fields: { ...READY_FIELDS, name: `${account} ${String(i).padStart(2, '0')}`, accountName: account }, numbers: [`+1202555${firstNumber + i}`], remoteId: null });
    await call('ports.move', { id: p.id, to: 'submitted', force: true });
    ids.push(p.id);
  }
  return ids;
}

const laneRows = (page: Page, lane: string) => page.locator(`.lane-row[data-lane="${lane}"]`);
/** A lane's first cell of a state (the drop target to aim at). */
const laneCell = (page: Page, lane: string, state: string) => laneRows(page, lane).first().locator(`.lane-cell[data-state="${state}"]`);
/** A card in any row of a lane's state column. */
const laneCard = (page: Page, lane: string, state: string, name: string) => laneRows(page, lane).locator(`.lane-cell[data-state="${state}"]`).getByRole('group', { name, exact: true });

async function showLanes(page: Page): Promise<void> {
  await page.getByRole('radio', { name: 'Board' }).click();
  await page.getByRole('combobox', { name: 'Lanes' }).selectOption('account');
  await expect(page.getByRole('region', { name: 'Board by account' })).toBeVisible();
}

test('swimlanes show every card of a lane, not the first few', async ({ page, host }) => {
  const call = hostRpc(host);
  await submittedPorts(call, 'Acme', 9, 1000);
  await submittedPorts(call, 'Birch', 1, 2000);
  await page.reload();
  await showLanes(page);

  await expect(page.locator('.lane-header').filter({ hasText: 'Acme' })).toContainText('Submitted 9');
  // Rows are virtualised: scroll through the lanes and collect every card seen.
  await expect(laneRows(page, 'Acme').first()).toBeVisible();
  const seen = new Set<string>();
  const lanes = page.locator('.lanes');
  for (let top = 0; ; top += 200) {
    for (const label of await laneRows(page, 'Acme').getByRole('group').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))) seen.add(label);
    const atEnd = await lanes.evaluate((el, y) => {
      el.scrollTop = y;
      return el.scrollTop + el.clientHeight >= el.scrollHeight - 1 && y > el.scrollTop;
    }, top);
    if (atEnd) break;
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
  for (const label of await laneRows(page, 'Acme').getByRole('group').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))) seen.add(label);
  expect([...seen].sort()).toEqual(Array.from({ length: 9 }, (_, i) => `Acme ${String(i + 1).padStart(2, '0')}`));
  await expect(page.getByRole('button', { name: /more/ })).toHaveCount(0);
  await expect(laneRows(page, 'Birch').getByRole('group', { name: 'Birch 01', exact: true })).toHaveCount(1);
});

test('a card dragged to another state in its lane moves by the board’s rules; a refused state lights up as refused', async ({ page, host }) => {
  const call = hostRpc(host);
  const [id] = await submittedPorts(call, 'Acme', 4, 3000);
  await page.reload();
  await showLanes(page);

  const source = laneRows(page, 'Acme').getByRole('group', { name: 'Acme 01', exact: true });
  await source.hover();
  await page.mouse.down();
  await laneCell(page, 'Acme', 'scheduled').hover();
  await expect(laneCell(page, 'Acme', 'scheduled')).toHaveAttribute('data-drop', 'refused');
  await laneCell(page, 'Acme', 'pending').hover();
  await expect(laneCell(page, 'Acme', 'pending')).toHaveAttribute('data-drop', 'over');
  await page.mouse.up();

  await expect(laneCard(page, 'Acme', 'pending', 'Acme 01')).toBeVisible();
  await expect(page.getByTestId('announcer')).toHaveText(/Moved "Acme 01" to Pending/);
  await expect.poll(async () => (await call('ports.get', { id: id! })).state).toBe('pending');
  await expect(laneCell(page, 'Acme', 'pending')).not.toHaveAttribute('data-drop', /.+/);

  // Dropped where the rules refuse it, nothing moves.
  await laneRows(page, 'Acme').getByRole('group', { name: 'Acme 02', exact: true }).dragTo(laneCell(page, 'Acme', 'scheduled'));
  await expect(laneCard(page, 'Acme', 'submitted', 'Acme 02')).toBeVisible();
  expect((await call('ports.list', {})).filter((p) => p.state === 'scheduled')).toHaveLength(0);
});

test('the keyboard moves through the lanes (down a state, across states, on into the next lane) and a lane’s name stays in view scrolled sideways', async ({ page, host }) => {
  const call = hostRpc(host);
  const acme = await submittedPorts(call, 'Acme', 3, 4000);
  await submittedPorts(call, 'Birch', 1, 5000);
  await call('ports.move', { id: acme[2]!, to: 'pending' });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.reload();
  await showLanes(page);

  // Acme's two submitted cards in the lane's own order; its pending card; Birch's one card.
  const submitted = await laneRows(page, 'Acme').locator('.lane-cell[data-state="submitted"] [data-port-id]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  expect(submitted).toHaveLength(2);
  const [first, second] = submitted as [string, string];
  const card = (name: string) => page.locator('.lanes').getByRole('group', { name, exact: true });

  // One tab stop: the first card.
  await expect(page.locator('.lanes [data-port-id][tabindex="0"]')).toHaveCount(1);
  await card(first).focus();
  await page.keyboard.press('ArrowDown');
  await expect(card(second)).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(card('Acme 03')).toBeFocused();
  // Past the end of Acme's pending cards: Birch has none pending, so its nearest state with cards.
  await page.keyboard.press('ArrowDown');
  await expect(card('Birch 01')).toBeFocused();
  await expect(page.locator('.lanes [data-port-id][tabindex="0"]')).toHaveAttribute('aria-label', 'Birch 01');
  await page.keyboard.press('ArrowUp');
  await expect(card(second)).toBeFocused();
  await page.keyboard.press('x');
  await expect(card(second).getByRole('checkbox')).toBeChecked();
  await expect(page.getByRole('toolbar', { name: 'Selection' })).toContainText('1 selected');
  await page.keyboard.press('Escape');
  await expect(card(second).getByRole('checkbox')).not.toBeChecked();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('complementary', { name: `Port ${second}` })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(card(second)).toBeFocused();

  // Scrolled fully right (the seven states, Completed and Canceled shown, are wider than 1280 px), each lane still shows its name at the left.
  await page.getByRole('button', { name: 'Show Completed (0)' }).click();
  await page.getByRole('button', { name: 'Show Canceled (0)' }).click();
  const lanes = page.locator('.lanes');
  const scrolled = await lanes.evaluate((el) => {
    el.scrollLeft = el.scrollWidth;
    return el.scrollLeft;
  });
  expect(scrolled).toBeGreaterThan(0);
  const box = (await lanes.boundingBox())!;
  for (const name of ['Acme', 'Birch']) {
    const title = page.locator('.lane-title', { hasText: name });
    await expect.poll(async () => (await title.boundingBox())!.x).toBeGreaterThanOrEqual(box.x);
    expect((await title.boundingBox())!.x).toBeLessThan(box.x + 40);
  }
});

test('in lanes by account a card’s title leaves out the lane’s account; its name and tooltip keep the whole title', async ({ page, host }) => {
  const call = hostRpc(host);
  for (const [i, site] of ['Front desk', 'Fax lines'].entries()) {
    const p = await call('ports.create', { fields: { ...READY_FIELDS, name: `Acme Dental – ${site}`, accountName: 'Acme Dental' }, numbers: [`+1202555${6000 + i}`], remoteId: null });
    await call('ports.move', { id: p.id, to: 'submitted', force: true });
  }
  // Another account's name at the start of a title is kept.
  const other = await call('ports.create', { fields: { ...READY_FIELDS, name: 'Acme Dental – Annex', accountName: 'Birch' }, numbers: ['+12025556100'], remoteId: null });
  await call('ports.move', { id: other.id, to: 'submitted', force: true });
  await page.reload();
  await showLanes(page);

  const card = laneCard(page, 'Acme Dental', 'submitted', 'Acme Dental – Front desk');
  await expect(card.locator('.card-title')).toHaveText('Front desk');
  await expect(card.locator('.card-title')).toHaveAttribute('title', 'Acme Dental – Front desk');
  // The account line leaves the lane's account out too: the number and the account number show.
  await expect(card.locator('.card-account')).toHaveText(new RegExp(`^\\+1 202 555 6000\\s*· ${READY_FIELDS.accountNumber}$`));
  await expect(laneCard(page, 'Acme Dental', 'submitted', 'Acme Dental – Fax lines').locator('.card-title')).toHaveText('Fax lines');
  await expect(laneCard(page, 'Birch', 'submitted', 'Acme Dental – Annex').locator('.card-title')).toHaveText('Acme Dental – Annex');

  // The plain board and lanes by losing carrier show the whole title.
  await page.getByRole('combobox', { name: 'Lanes' }).selectOption('losingCarrier');
  await expect(page.getByRole('region', { name: 'Board by losing carrier' }).getByRole('group', { name: 'Acme Dental – Front desk', exact: true }).locator('.card-title')).toHaveText('Acme Dental – Front desk');
});

test('at 1366x768 the lanes collapse Completed and Canceled as the board does, so every state fits; a collapsed state opens from its header', async ({ page, host }) => {
  const call = hostRpc(host);
  const [, dropped] = await submittedPorts(call, 'Acme', 3, 7000);
  const done = await call('ports.create', { fields: { ...READY_FIELDS, name: 'Acme done', accountName: 'Acme', focDate: '2026-11-20' }, numbers: ['+12025557100'], remoteId: null });
  for (const to of ['submitted', 'pending', 'scheduled', 'completed'] as const) await call('ports.move', { id: done.id, to, force: true });
  await call('ports.move', { id: dropped!, to: 'canceled', force: true });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.reload();
  await showLanes(page);

  const lanes = page.locator('.lanes');
  await expect(laneCard(page, 'Acme', 'submitted', 'Acme 03')).toBeVisible();
  expect(await lanes.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  // Canceled's column ends inside the window, the lane's count in it.
  const canceled = laneCell(page, 'Acme', 'canceled');
  const box = (await lanes.boundingBox())!;
  const cell = (await canceled.boundingBox())!;
  expect(cell.x + cell.width).toBeLessThanOrEqual(box.x + box.width);
  await expect(canceled).toHaveText(/^Canceled\s*1$/);
  await expect(laneCard(page, 'Acme', 'completed', 'Acme done')).toHaveCount(0);

  await page.getByRole('button', { name: 'Show Completed (1)' }).click();
  await expect(laneCard(page, 'Acme', 'completed', 'Acme done')).toBeVisible();
  // The board's columns share the choice: Completed is open there too, Canceled still collapsed.
  await page.getByRole('combobox', { name: 'Lanes' }).selectOption('none');
  await expect(page.getByRole('region', { name: 'Completed' }).getByRole('group', { name: 'Acme done', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Show Canceled (1)' })).toBeVisible();
  await showLanes(page);
  await page.getByRole('button', { name: 'Collapse Completed' }).click();
  await expect(laneCard(page, 'Acme', 'completed', 'Acme done')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Show Completed (1)' })).toBeVisible();
});
