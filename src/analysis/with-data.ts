import { openData, type DataArgs, type Need, type OpenedData } from './open-data.js';

/** Opens the data, runs one analysis over it, and closes it, whatever happens. */
export async function withData<T>(argv: DataArgs, need: Need | undefined, fn: (d: OpenedData) => T | Promise<T>): Promise<T> {
  const d = await openData(argv, need);
  try {
    return await fn(d);
  } finally {
    d.close();
  }
}
