/** A word as a shell would need it quoted (paths with spaces or quotes), for commands a hint or note names. */
export function shellWord(s: string): string {
  return /^[\w./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
