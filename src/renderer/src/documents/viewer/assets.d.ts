/** Vite's `?url` imports: the emitted asset's URL (the pdf.js worker is loaded this way). */
declare module '*?url' {
  const url: string;
  export default url;
}

/** Vite's `?inline` imports of CSS: the processed stylesheet as text. */
declare module '*.css?inline' {
  const css: string;
  export default css;
}
