import { QueryInputError } from './errors.js';

export interface ServerAddress {
  host: string;
  port: number;
}

export const DEFAULT_PORT = 43;

/** Parses `--server host[:port]` (IPv6 literals as `[::1]:43`). */
export function parseServer(spec: string): ServerAddress {
  const s = spec.trim();
  if (s === '' || /[\s\x00-\x1f\x7f/]/.test(s)) throw new QueryInputError(spec, 'a server is written host or host:port, e.g. whois.radb.net:43');
  let host: string;
  let portText: string | undefined;
  const bracketed = /^\[([0-9A-Fa-f:.]+)\](?::(\d+))?$/.exec(s);
  if (bracketed) {
    host = bracketed[1];
    portText = bracketed[2];
  } else if ((s.match(/:/g) ?? []).length > 1) {
    host = s; // bare IPv6 literal, default port
  } else {
    const i = s.lastIndexOf(':');
    host = i < 0 ? s : s.slice(0, i);
    portText = i < 0 ? undefined : s.slice(i + 1);
  }
  if (!host || !/^[A-Za-z0-9.:_-]+$/.test(host)) throw new QueryInputError(spec, `'${host}' is not a host name or address`);
  let port = DEFAULT_PORT;
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
      throw new QueryInputError(spec, `port '${portText}' must be a number from 1 to 65535`);
    }
    port = Number(portText);
  }
  return { host, port };
}

export function formatServer(a: ServerAddress): string {
  return `${a.host.includes(':') ? `[${a.host}]` : a.host}:${a.port}`;
}

/** True for servers known to speak only RIPE-style whois (no IRRd `!` protocol). */
export function isRipeStyleHost(host: string): boolean {
  return /(^|\.)ripe\.net$/i.test(host);
}
