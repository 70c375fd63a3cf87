// Case ids, written down (STYLE.md, "Positional ids and nameless results"):
// h2spec's `http2/6.5.3/1` is a position within a section; we keep it, but
// write it `6.5.3/1` for the HTTP/2 suite (the RFC 9113 numbering everyone
// quotes) and keep the prefix for `generic/…` and `hpack/…`, whose section
// numbers would otherwise collide with RFC 9113's.

export function caseId(suite: string, section: string, seq: number): string {
  return suite === 'http2' ? `${section}/${seq}` : `${suite}/${section}/${seq}`;
}

/** Our id or section (`6.5.3/1`, `6.5`) → the filter h2spec accepts (`http2/6.5.3/1`). */
export function toH2specSpec(id: string): string {
  return /^\d/.test(id) ? `http2/${id}` : id;
}

/** A spec filter h2spec would accept: suite, suite/section or suite/section/N. */
export function isValidSpec(id: string): boolean {
  return /^[a-z0-9-]+(\/\d+(\.\d+)*(\/\d+)?)?$/.test(toH2specSpec(id));
}
