import type { Page, WebSocketRoute } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { hostRpc } from './support/rpc';

const card = (page: Page, name: string) => page.locator('.board').getByRole('group', { name, exact: true });

/**
 * The host tells a page of changes over one WebSocket; what it says while that socket is down is
 * lost. A page whose socket (re)opens reloads what it shows, so a port made during the gap is
 * there (it used to stay missing until a manual reload: a CI failure of local-only.spec).
 */
test('a port made while the page’s event stream is down appears once it reconnects', async ({ page, host }) => {
  const call = hostRpc(host);
  const routes: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/events/, (ws) => {
    ws.connectToServer();
    routes.push(ws);
  });
  await page.reload();
  const status = page.getByRole('status', { name: 'Sync status' });
  await expect.poll(() => routes.length).toBe(1);
  await expect(status).not.toContainText('Disconnected');

  await call('ports.create', { fields: { name: 'Before the gap' } });
  await expect(card(page, 'Before the gap')).toBeVisible();

  await routes[0]!.close();
  await expect(status).toContainText('Disconnected from PortDesk');
  await call('ports.create', { fields: { name: 'Made in the gap' } });
  await call('ports.create', { fields: { name: 'Also in the gap' } });

  // The page reconnects by itself (backoff from 1 s) and reloads.
  await expect.poll(() => routes.length, { timeout: 20_000 }).toBe(2);
  await expect(status).not.toContainText('Disconnected');
  await expect(card(page, 'Made in the gap')).toBeVisible();
  await expect(card(page, 'Also in the gap')).toBeVisible();
  await expect(card(page, 'Before the gap')).toBeVisible();
});

test('ports made while the page is still opening its event stream are all on the board', async ({ page, host }) => {
  const call = hostRpc(host);
  // Hold the socket's server side until the ports exist: the page's first load may come before
  // them, and the events that announce them go nowhere.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.routeWebSocket(/\/events/, async (ws) => {
    await held;
    ws.connectToServer();
  });
  await page.reload();
  for (const name of ['Early one', 'Early two', 'Early three']) await call('ports.create', { fields: { name } });
  release();
  for (const name of ['Early one', 'Early two', 'Early three']) await expect(card(page, name)).toBeVisible();
});
