import { SEGMENT, type AsPathSegment } from './bgp-attributes.js';

export { pathOf } from './bgp-attributes.js';

/** `7018 7018 3257` → `7018 3257`: prepending removed (a new array only when there was some). */
export function collapsePrepending(path: readonly number[]): number[] {
  let i = 1;
  while (i < path.length && path[i] !== path[i - 1]) i++;
  if (i >= path.length) return path as number[];
  const out = path.slice(0, i);
  for (; i < path.length; i++) if (path[i] !== path[i - 1]) out.push(path[i]!);
  return out;
}

/** The path as `bgpdump -m` prints it: sets in braces, confederation sequences in parentheses, confederation sets in brackets. */
export function bgpdumpPathText(segments: AsPathSegment[] | undefined, path: readonly number[]): string {
  if (!segments) return path.join(' ');
  return segments.map((s) => s.type === SEGMENT.AS_SEQUENCE ? s.asns.join(' ')
    : s.type === SEGMENT.AS_SET ? `{${s.asns.join(',')}}`
      : s.type === SEGMENT.AS_CONFED_SEQUENCE ? `(${s.asns.join(' ')})` : `[${s.asns.join(',')}]`).join(' ');
}
