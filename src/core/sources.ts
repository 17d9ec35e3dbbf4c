/** One thread, whatever comment anchor, query or letter case its URL carries. */
export function threadOf(url: string): string {
  return url.replace(/[#?].*$/, '').replace(/\/+$/, '').toLowerCase();
}
