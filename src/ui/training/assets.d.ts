// Vite turns an imported image into the URL of its file in the build.
declare module '*.png' {
  const url: string;
  export default url;
}
