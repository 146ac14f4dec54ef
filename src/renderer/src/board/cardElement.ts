/**
 * A port's card on the board or in its swimlanes, or its row's focusable cell in the table (one of
 * the three is shown): what takes keyboard focus for that port.
 */
export function cardElement(id: string): HTMLElement | null {
  const card = `[data-port-id="${CSS.escape(id)}"]`;
  return document.querySelector<HTMLElement>(`.board ${card}, .lanes ${card}, .ptable ${card} [tabindex="0"]`);
}
