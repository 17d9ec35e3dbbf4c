/**
 * Secret redaction. Pasted logs often carry Hugging Face tokens (`hf_…`), OpenAI-style keys
 * and Authorization headers; they must never reach history, diagnostics or output.
 */

const SECRET_RULES: { re: RegExp; replace: string }[] = [
  { re: /\bhf_[A-Za-z0-9]{20,}/g, replace: 'hf_***' },
  { re: /\bapi_org_[A-Za-z0-9]{20,}/g, replace: 'api_org_***' },
  { re: /\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}/g, replace: 'sk-***' },
  { re: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}/g, replace: 'gh*_***' },
  { re: /\bgithub_pat_[A-Za-z0-9_]{30,}/g, replace: 'github_pat_***' },
  { re: /\bAKIA[0-9A-Z]{16}\b/g, replace: 'AKIA***' },
  { re: /\b(authorization|proxy-authorization)(["']?\s*[:=]\s*["']?)(?:bearer |basic |token )?[^\s"',}]{1,4096}/gi, replace: '$1$2***' },
  { re: /\b((?:hf|hugging_?face|api|access|auth)_?(?:hub_)?token|api_?key|password|secret)(["']?\s*[:=]\s*["']?)[^\s"',)}]{6,4096}/gi, replace: '$1$2***' },
  { re: /(https?:\/\/)[^\s:/@]{1,256}:[^\s/@]{1,256}@/g, replace: '$1***:***@' },
];

const HOME_PATHS: { re: RegExp; replace: string }[] = [
  { re: /\/home\/[^/\s"']{1,64}\//g, replace: '~/' },
  { re: /\/Users\/[^/\s"']{1,64}\//g, replace: '~/' },
  { re: /\b([A-Za-z]):\\Users\\[^\\\s"']{1,64}\\/g, replace: '~\\' },
];

export function redactSecrets(text: string, options: { redactPaths?: boolean } = {}): { text: string; count: number } {
  let count = 0;
  let out = text;
  const rules = options.redactPaths ? [...SECRET_RULES, ...HOME_PATHS] : SECRET_RULES;
  for (const rule of rules) {
    out = out.replace(rule.re, (...args: unknown[]) => {
      count++;
      // Re-run the single match through the rule to expand $1/$2.
      return (args[0] as string).replace(new RegExp(rule.re.source, rule.re.flags.replace('g', '')), rule.replace);
    });
  }
  return { text: out, count };
}
