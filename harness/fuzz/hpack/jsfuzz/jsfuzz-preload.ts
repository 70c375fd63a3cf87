// Preloaded (`node --require`) into jsfuzz's processes, before its worker
// hooks require() to instrument everything it compiles: the oracles'
// CommonJS packages (koffi, and hpack.js with its streams) are compiled here
// first, so when the checker imports them later they come from the require
// cache uninstrumented. Coverage then counts the implementation under test
// only; instrumented, hpack.js ran about half as fast and added its
// counters to the ones jsfuzz sums after every execution.
import 'koffi';
import 'hpack.js';
