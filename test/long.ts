// `npm test` runs a sample of the long property and differential runs, so the suite stays
// within a few minutes on 2 cores; `npm run test:long` (ASREL_TEST_LONG=1) runs them whole.
export const LONG = process.env.ASREL_TEST_LONG === '1';

/** `full` in the long run, `sample` in `npm test`. */
export function runs(full: number, sample: number): number {
  return LONG ? full : sample;
}
