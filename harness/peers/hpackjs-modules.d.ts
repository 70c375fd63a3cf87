// hpack.js ships no types. Declared here as opaque defaults so the modules
// load the same way from the ESM build and the CommonJS one (the jsfuzz
// target): a default import is module.exports in both. Each user casts it
// to the shape it reads.
declare module 'hpack.js' {
  const hpack: unknown;
  export default hpack;
}
declare module 'hpack.js/lib/hpack/huffman.js' {
  const huffman: unknown;
  export default huffman;
}
declare module 'hpack.js/lib/hpack/static-table.js' {
  const staticTable: unknown;
  export default staticTable;
}
