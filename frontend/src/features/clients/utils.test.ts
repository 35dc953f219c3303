import { describe, expect, it } from 'vitest';
import { andFilters, buildFilter, formatEnterpriseNumber, nextSort, rsqlQuote } from './utils';

describe('client list helpers', () => {
  it('quotes search text so commas, semicolons and quotes stay part of the value', () => {
    expect(buildFilter({ q: 'Dupont, "Fils"; SA' })).toBe(String.raw`name=like="*Dupont, \"Fils\"; SA*"`);
    expect(rsqlQuote(String.raw`a"b\c`)).toBe(String.raw`"a\"b\\c"`);
  });

  it('joins the search and the quick filters with and', () => {
    expect(buildFilter({ q: ' ', ready: 'unset', registered: 'yes' })).toBe('cf.peppol_ready=empty=true;cf.peppol_registered=empty=false');
    expect(buildFilter({})).toBeUndefined();
  });

  it('formats enterprise numbers and toggles the sort direction', () => {
    expect(formatEnterpriseNumber('0123456749')).toBe('0123.456.749');
    expect(nextSort('name', 'name')).toBe('-name');
    expect(nextSort('-name', 'name')).toBe('name');
    expect(nextSort('name', 'cf.peppol_ready')).toBe('cf.peppol_ready');
  });

  it("joins a view's filter and the quick filters, grouping an or so it stays inside", () => {
    expect(andFilters(undefined, '', 'name=like="*a*"')).toBe('name=like="*a*"');
    expect(andFilters('cf.peppol_ready==false,cf.peppol_registered=empty=true', 'vatLiable==true')).toBe(
      '(cf.peppol_ready==false,cf.peppol_registered=empty=true);vatLiable==true',
    );
    expect(andFilters(undefined, null)).toBeUndefined();
  });
});
