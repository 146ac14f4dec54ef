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
