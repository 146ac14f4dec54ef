/** Vite's `?url` imports: the emitted asset's URL (the pdf.js worker is loaded this way). */
declare module '*?url' {
  const url: string;
  export default url;
}
