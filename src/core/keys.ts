/**
 * Short normalised keys for fuzzy ranking (the Sentry idea): variable parts of a message —
 * paths, URLs, numbers, hex ids, quoted names — become placeholders, so two reports of one bug
 * compare equal even when their models, shapes and files differ.
 */
export const MAX_KEY_CHARS = 160;

export function messageKey(text: string): string {
  return text
    .slice(0, 600)
    .toLowerCase()
    .replace(/https?:\/\/\S{1,300}/g, ' url ')
    .replace(/(?:[a-z]:)?(?:[\\/][\w.@+-]{1,120}){2,40}/g, ' path ')
    .replace(/\b0x[0-9a-f]{1,40}\b/g, ' hex ')
    .replace(/\b[0-9a-f]{16,64}\b/g, ' hex ')
    .replace(/\d+(?:\.\d+)?/g, 'n')
    .replace(/[^\w\s'`:.-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_KEY_CHARS);
}
