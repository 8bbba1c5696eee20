import { IrrError } from './errors.js';
import { IrrdClient, type IrrdClientOptions } from './irrd-client.js';
import { RipeClient } from './ripe-client.js';
import { formatServer, isRipeStyleHost, parseServer } from './server.js';
import type { ObjectKey } from './query.js';

export type Protocol = 'auto' | 'irrd' | 'ripe';

/** What the fetcher needs from a server, whatever its query style. */
export interface ObjectSource {
  readonly server: string;
  /** RPSL text of the answer (may hold more than one object), or undefined when not found. */
  getObject(k: ObjectKey): Promise<string | undefined>;
  close(): Promise<void>;
}

export type OpenOptions = Omit<IrrdClientOptions, 'server' | 'clientName'> & { protocol?: Protocol };

/**
 * Opens a client for `server` (host[:port]). `auto` speaks IRRd unless the host is a RIPE
 * server, and switches to RIPE-style queries if the server answers `!` queries with `%` text.
 */
export function openObjectSource(server: string, opts: OpenOptions = {}): ObjectSource {
  const address = parseServer(server);
  const protocol = opts.protocol ?? 'auto';
  const ripe = () => new RipeClient({ ...opts, server: address });
  if (protocol === 'ripe' || (protocol === 'auto' && isRipeStyleHost(address.host))) return ripe();
  const irrd = new IrrdClient({ ...opts, server: address });
  if (protocol === 'irrd') return irrd;
  return new AutoSource(formatServer(address), irrd, ripe);
}

class AutoSource implements ObjectSource {
  private fallback?: RipeClient;
  constructor(
    readonly server: string,
    private readonly irrd: IrrdClient,
    private readonly makeRipe: () => RipeClient,
  ) {}

  async getObject(k: ObjectKey): Promise<string | undefined> {
    if (this.fallback) return this.fallback.getObject(k);
    try {
      return await this.irrd.getObject(k);
    } catch (e) {
      if (!(e instanceof IrrError) || e.kind !== 'not-irrd') throw e;
      this.fallback ??= this.makeRipe();
      return this.fallback.getObject(k);
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.irrd.close(), this.fallback?.close()]);
  }
}
