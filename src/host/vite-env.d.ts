// Vite's `?worker&url` import: the URL of the bundled worker (here: the AudioWorklet module).
declare module '*?worker&url' {
  const url: string;
  export default url;
}
