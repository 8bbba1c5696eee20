import { describe, expect, it } from 'vitest';
import { formatAsn, irrdObjectQuery, irrdSetMembersQuery, parseAsn, parseObjectKey, parseSetName, parseSources, ripeObjectQuery } from '../../src/irr/query.js';
import { QueryInputError } from '../../src/irr/errors.js';
import { parseServer } from '../../src/irr/server.js';

describe('query builders', () => {
  it('reads AS numbers asplain and asdot within 0–4294967295', () => {
    expect(parseAsn('AS1299')).toBe(1299);
    expect(parseAsn('1299')).toBe(1299);
    expect(parseAsn('as0')).toBe(0);
    expect(parseAsn('AS4294967295')).toBe(4294967295);
    expect(parseAsn('AS1.10')).toBe(65546);
    expect(parseAsn('65535.65535')).toBe(4294967295);
    for (const bad of ['AS4294967296', 'AS1.65536', 'AS65536.0', 'AS-1', 'ASX', '', 'AS99999999999']) {
      expect(() => parseAsn(bad), bad).toThrow(QueryInputError);
    }
    expect(formatAsn(65546)).toBe('AS65546');
  });

  it('accepts RPSL set names, plain and hierarchical, and rejects the rest', () => {
    expect(parseSetName('as-foo')).toEqual({ cls: 'as-set', name: 'AS-FOO' });
    expect(parseSetName('AS215778:AS-LIKHNER')).toEqual({ cls: 'as-set', name: 'AS215778:AS-LIKHNER' });
    expect(parseSetName('AS-NIA:AS-PEER').cls).toBe('as-set');
    expect(parseSetName('RS-BAR').cls).toBe('route-set');
    expect(parseSetName('AS1:FLTR-X').cls).toBe('filter-set');
    expect(parseSetName('PRNG-Y').cls).toBe('peering-set');
    for (const bad of ['FOO', 'AS-', 'AS-FOO-', 'AS-F!O', 'AS1:RS-A:AS-B', 'AS4294967296:AS-X', 'AS-X:']) {
      expect(() => parseSetName(bad), bad).toThrow(QueryInputError);
    }
    expect(() => parseSetName('RS-BAR', 'as-set')).toThrow(/as-set name/);
  });

  it('never builds a query from input with CR, LF, spaces or control characters', () => {
    for (const bad of ['AS1\r\n!maut-num,AS2', 'AS1\n', 'AS-FOO BAR', 'AS-FOO\t', 'AS-FOO\x00', ' AS1', 'AS1\x7f']) {
      expect(() => parseObjectKey(bad)).toThrow(/space, CR, LF or another control character/);
    }
    expect(() => irrdObjectQuery({ cls: 'aut-num', key: 'AS1\n!mas-set,AS-X' })).toThrow(QueryInputError);
    expect(() => irrdObjectQuery({ cls: 'as-set', key: 'AS-X\r\nq' })).toThrow(QueryInputError);
    expect(() => parseSources('RADB,RIPE\n!q')).toThrow(QueryInputError);
  });

  it('builds IRRd and RIPE-style queries', () => {
    expect(irrdObjectQuery(parseObjectKey('as1.10'))).toBe('!maut-num,AS65546');
    expect(irrdObjectQuery(parseObjectKey('AS215778:as-likhner'))).toBe('!mas-set,AS215778:AS-LIKHNER');
    expect(irrdSetMembersQuery('as-foo')).toBe('!iAS-FOO,1');
    expect(ripeObjectQuery(parseObjectKey('AS3257'), { sources: ['ripe'], keepAlive: true })).toBe('-k -r -s RIPE -T aut-num AS3257');
  });

  it('parses --server host[:port]', () => {
    expect(parseServer('whois.radb.net')).toEqual({ host: 'whois.radb.net', port: 43 });
    expect(parseServer('127.0.0.1:4343')).toEqual({ host: '127.0.0.1', port: 4343 });
    expect(parseServer('[::1]:43')).toEqual({ host: '::1', port: 43 });
    expect(() => parseServer('host:0')).toThrow(/port/);
    expect(() => parseServer('host:99999')).toThrow(/port/);
    expect(() => parseServer('ho st')).toThrow(QueryInputError);
  });
});
