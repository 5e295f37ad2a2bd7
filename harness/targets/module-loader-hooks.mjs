// Module resolve hooks for `module:PATH` targets (registered by module-target.ts after tsx's
// namespaced loader, so they run first). tsx loads the author's file and what it imports
// under a namespace of its own, which would give helperfuzz's modules a second copy (a
// second FlowError class, a second driver). So: "helperfuzz" and "helperfuzz/vitest" always
// name the running helperfuzz (installed in the author's project or not), and any module of
// the running helperfuzz is loaded without the namespace, as the one copy already loaded.
// Plain JavaScript because loader hooks run in their own thread, outside tsx.

/** @type {Record<string, string>} */
let ownEntries = {};
let ownRoot = "";

/** @param {{ entries: Record<string, string>, root: string }} data */
export function initialize(data) {
  ownEntries = data.entries;
  ownRoot = data.root;
}

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(ownEntries[specifier] ?? specifier, context);
  const query = result.url.indexOf("?");
  if (query >= 0 && result.url.startsWith(ownRoot)) {
    return { ...result, url: result.url.slice(0, query) };
  }
  return result;
}
