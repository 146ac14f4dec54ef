/** electron-vite's `?asset` import: the file is copied into the build and this is its path at run time. */
declare module '*?asset' {
  const path: string;
  export default path;
}
