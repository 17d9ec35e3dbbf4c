// Types for regex-safety.mjs, which the unit test imports.
export function regexesOf(pattern: { signals: { messagePatterns?: { regex: string }[]; negativePatterns?: { regex: string }[]; requires?: { regex: string }[] } }): string[];
export function regexProblem(source: string): string | undefined;
