/** A problem found while lexing or parsing one policy value; `offset` is into that value. */
export interface Problem {
  offset: number;
  severity: 'error' | 'warning';
  message: string;
}

/** A short quotation of source text for messages. */
export function quote(text: string, max = 40): string {
  const t = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return `'${t}'`;
}
