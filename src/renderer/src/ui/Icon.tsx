/** Inline stroke icons (no icon font: the CSP allows no remote content and we need only a few). */
const PATHS = {
  board: 'M4 5h4v14H4zM10 5h4v9h-4zM16 5h4v11h-4z',
  import: 'M12 4v11m0 0-4-4m4 4 4-4M5 19h14',
  sync: 'M4 12a8 8 0 0 1 13.7-5.6L20 8M20 4v4h-4M20 12a8 8 0 0 1-13.7 5.6L4 16m0 4v-4h4',
  settings: 'M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6zM19 12l2-1-1-3-2.2.2-1.3-1.3L16.7 4.7 13.7 3.5 12.5 5.5h-1L10.3 3.5 7.3 4.7l.2 2.2-1.3 1.3L4 8 3 11l2 1v0l-2 1 1 3 2.2-.2 1.3 1.3-.2 2.2 3 1.2 1.2-2h1l1.2 2 3-1.2-.2-2.2 1.3-1.3L20 16l1-3z',
  search: 'M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14zm9 16-4-4',
  plus: 'M12 5v14M5 12h14',
  close: 'M6 6l12 12M18 6 6 18',
  chevronRight: 'M9 6l6 6-6 6',
  chevronDown: 'M6 9l6 6 6-6',
  more: 'M5 12h.01M12 12h.01M19 12h.01',
  phone: 'M6 3h3l2 5-2.5 1.5a11 11 0 0 0 6 6L16 13l5 2v3a2 2 0 0 1-2 2A16 16 0 0 1 4 5a2 2 0 0 1 2-2z',
  paperclip: 'M20 11.5 12 19.5a5 5 0 0 1-7-7l8.5-8.5a3.5 3.5 0 0 1 5 5L10 17.5a2 2 0 0 1-3-3l7.5-7.5',
  comment: 'M4 5h16v11H9l-5 4z',
  calendar: 'M5 6h14v14H5zM5 10h14M9 3v4M15 3v4',
  warning: 'M12 4 2.5 20h19L12 4zm0 6v4m0 3h.01',
  arrowRight: 'M5 12h14m-5-5 5 5-5 5',
  trash: 'M5 7h14M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3',
  filter: 'M4 5h16l-6 7v6l-4 2v-8z',
  tag: 'M3 12V4h8l9 9-8 8-9-9zM7.5 8h.01',
  dot: 'M12 11.5a.5.5 0 1 0 0 1 .5.5 0 0 0 0-1z',
  pointer: 'M6 3v15l4-4 3 7 2.5-1-3-7H18z',
  highlighter: 'M14 4l5 5-8 8H6v-5zM4 21h16',
  textTool: 'M5 7V4h14v3M12 4v16M9 20h6',
  scribble: 'M3 17c3-5 5 1 8-3s3-8 6-7 1 6 4 5',
  undo: 'M9 14 4 9l5-5M4 9h10.5a5.5 5.5 0 0 1 0 11H11',
  redo: 'M15 14l5-5-5-5M20 9H9.5a5.5 5.5 0 0 0 0 11H13',
  fitWidth: 'M3 5v14M21 5v14M7 12h10M7 12l3-3M7 12l3 3M17 12l-3-3M17 12l-3 3',
  history: 'M3 12a9 9 0 1 0 3-6.7L3 8M3 3v5h5M12 7v5l3 3',
  laptop: 'M5 6h14v9H5zM3 18h18',
  lock: 'M8 11V8a4 4 0 0 1 8 0v3M6 11h12v9H6z',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 16, className }: { name: IconName; size?: number; className?: string }) {
  return (
    <svg className={className} width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} />
    </svg>
  );
}

function maskRule(name: string, d: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="black" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"><path d="${d}"/></svg>`;
  return `.mi-${name}::before{mask-image:url("data:image/svg+xml,${encodeURIComponent(svg)}")}`;
}

let maskSheet: CSSStyleSheet | undefined;

/**
 * The same icons for `className="mi mi-NAME"` (drawn by a masked `::before`, base rule in base.css),
 * for views that repeat them by the hundred: a board card's icons as SVG elements were a third of
 * its DOM, and every filter keystroke creates dozens of cards. Built from PATHS once and adopted by
 * the document (a constructed sheet: the CSP allows no inline styles, and a static file would repeat
 * the paths).
 */
export function installMaskIcons(): void {
  if (maskSheet) return;
  maskSheet = new CSSStyleSheet();
  maskSheet.replaceSync(Object.entries(PATHS).map(([name, d]) => maskRule(name, d)).join('\n'));
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, maskSheet];
}
