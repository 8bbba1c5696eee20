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

describe('query builders refuse what could become another query', () => {
  it('refuses keys over the length limit, with C1 controls, bidi overrides or non-ASCII look-alikes', () => {
    expect(() => parseObjectKey(`AS-${'X'.repeat(300)}`)).toThrow(/longer than 256 characters/);
    expect(() => parseObjectKey(`AS${'1'.repeat(300)}`)).toThrow(/longer than 256 characters/);
    expect(() => parseObjectKey('AS-FOO\x85')).toThrow(/control character/); // NEL
    expect(() => parseObjectKey('AS-FOO\x9b2J')).toThrow(/control character/); // C1 CSI
    for (const bad of ['AS-F\u202eOO', 'AS１２３', 'АS-FOO' /* Cyrillic A */, 'AS-FOO\u2066']) {
      expect(() => parseObjectKey(bad), bad).toThrow(QueryInputError);
    }
    // the message shows the bad character instead of passing it to the terminal
    expect(() => parseObjectKey('AS-F\u202eOO')).toThrow(/'AS-F\\u202eOO'/);
  });

  it('re-validates ObjectKey class and key when building a query', () => {
    expect(() => irrdObjectQuery({ cls: 'aut-num\n!q' as never, key: 'AS1' })).toThrow(/not a class asrel looks up/);
    expect(() => irrdObjectQuery({ cls: 'person' as never, key: 'AS1' })).toThrow(QueryInputError);
    expect(() => ripeObjectQuery({ cls: 'aut-num', key: 'AS1 -i origin AS2' })).toThrow(QueryInputError);
    expect(() => ripeObjectQuery({ cls: 'as-set', key: 'AS-X' }, { sources: ['RIPE -B'] })).toThrow(QueryInputError);
    expect(() => parseSources(`${'A'.repeat(1100)}`)).toThrow(/longer than 1024/);
  });
});
