import type { ReadinessField } from '../../../shared/domain/readiness';

/** The element a readiness item leads to: the field's input, the add-numbers box, the documents. */
function targetOf(field: ReadinessField): HTMLElement | null {
  if (field === 'numbers') {
    return document.querySelector<HTMLElement>('[aria-labelledby="numbers-title"] textarea') ?? document.getElementById('numbers-title');
  }
  if (field === 'loa' || field === 'bill') return document.getElementById('documents-title');
  return document.getElementById(`field-${field}`);
}

/** Scroll the detail to what a readiness problem is about and put the keyboard focus there. */
export function jumpToField(field: ReadinessField): void {
  const target = targetOf(field);
  if (!target) return;
  if (!target.matches('input, textarea, select, button') && !target.hasAttribute('tabindex')) target.tabIndex = -1;
  target.scrollIntoView({ block: 'center' });
  target.focus({ preventScroll: true });
}
