/** `%text%` for ILIKE with the user's `%`, `_` and `\` matched literally (backslash is LIKE's escape). */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}
