/** A port's card on the board or in its swimlanes (one of them is shown). */
export function cardElement(id: string): HTMLElement | null {
  const card = `[data-port-id="${CSS.escape(id)}"]`;
  return document.querySelector<HTMLElement>(`.board ${card}, .lanes ${card}`);
}
