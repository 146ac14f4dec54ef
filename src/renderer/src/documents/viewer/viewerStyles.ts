import pdfViewerCss from 'pdfjs-dist/web/pdf_viewer.css?inline';

let sheet: CSSStyleSheet | undefined;
let users = 0;

/**
 * Apply pdf.js's viewer stylesheet while a viewer is mounted; call the returned function on
 * unmount. The sheet (~900 rules, some as broad as `:root *`) is not left in the page: present,
 * it made style matching of every board card slower (a filter keystroke that swaps the visible
 * cards went from ~30 to ~55 ms of layout). A constructed sheet, because it can be added and
 * removed without touching the DOM and Vite has already rewritten its image URLs.
 */
export function attachViewerStyles(): () => void {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(pdfViewerCss);
  }
  const own = sheet;
  if (users++ === 0) document.adoptedStyleSheets = [...document.adoptedStyleSheets, own];
  let attached = true;
  return () => {
    if (!attached) return;
    attached = false;
    if (--users === 0) document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== own);
  };
}
