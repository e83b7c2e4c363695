// console.mjs: console messages of Chromium that are not errors of a page,
// shared by the end-to-end scripts that count a page's errors.

// "Manifest: Line: 1, column: 1, Syntax error": Chromium says so of the web
// app manifest when the page moved on before its fetch was done (seen on
// the slower sanitizer build, a few pages of some hundreds, in app.mjs and
// offline.mjs).  app.mjs checks the manifest itself, as a browser fetches it.
export function manifestCutShort(text) {
  return /^Manifest: Line: 1, column: 1, Syntax error\.?$/.test(text);
}
