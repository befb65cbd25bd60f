/** Escapes LIKE wildcards so a search for "50%" finds "50%" and not everything starting with 50. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
