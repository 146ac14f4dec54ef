import type { Locator } from '@playwright/test';

/** Choose `action` from the document viewer's "More" menu (the actions the toolbar row has no room for). */
export async function moreAction(viewer: Locator, action: string): Promise<void> {
  await viewer.getByRole('button', { name: 'More' }).click();
  await viewer.getByRole('menu', { name: 'More actions' }).getByRole('menuitem', { name: action }).click();
}
