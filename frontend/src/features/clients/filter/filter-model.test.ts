import { describe, expect, it } from 'vitest';
import { categories } from '@/testing/fixtures';
import { standardFields } from '@/testing/standard-fields';
import { combine, filterFields, operatorsFor, parseRsql, toRsql } from './filter-model';

const fields = filterFields(standardFields, categories);

describe('filter model', () => {
  it('offers every filterable standard field but the id, then every custom field, typed by kind', () => {
    const selectors = fields.map((f) => f.selector);
    expect(selectors).toContain('enterpriseNumber');
    expect(selectors).toContain('peppol.status');
    expect(selectors).toContain('cf.peppol_software_receive');
    expect(selectors).toContain('cf.mandate_doc');
    expect(selectors).not.toContain('id');
    expect(selectors).not.toContain('lastInfoEmailAt');
    expect(fields.find((f) => f.selector === 'cf.peppol_software_receive')).toMatchObject({ kind: 'CODE', values: ['billit', 'exact', 'other', 'old'] });
    expect(fields.find((f) => f.selector === 'cf.services')?.kind).toBe('MULTI');
    expect(fields.find((f) => f.selector === 'cf.mandate_doc')?.kind).toBe('PRESENCE');
    expect(operatorsFor('PRESENCE')).toEqual(['isEmpty', 'isNotEmpty']);
    expect(operatorsFor('TEXT')).toContain('contains');
    expect(operatorsFor('DATE')).toContain('between');
  });

  it('writes each operator as the RSQL the API takes', () => {
    expect(
      toRsql(
        [
          { selector: 'enterpriseNumber', op: 'isNotEmpty', values: [] },
          { selector: 'vatLiable', op: 'is', values: ['true'] },
          { selector: 'peppol.status', op: 'isNot', values: ['REGISTERED'] },
          { selector: 'name', op: 'contains', values: ['dupont sa'] },
          { selector: 'cf.peppol_software_receive', op: 'in', values: ['billit', 'exact'] },
          { selector: 'cf.mandate_signed_on', op: 'between', values: ['2026-01-01', '2026-06-30'] },
          { selector: 'createdAt', op: 'between', values: ['', '2026-11-30'] },
          { selector: 'cf.employees', op: 'is', values: [''] },
        ],
        fields,
      ),
    ).toBe(
      'enterpriseNumber=empty=false;vatLiable==true;peppol.status!=REGISTERED;name=like="*dupont sa*";' +
        'cf.peppol_software_receive=in=(billit,exact);cf.mandate_signed_on=ge=2026-01-01;cf.mandate_signed_on=le=2026-06-30;' +
        'createdAt=lt=2026-12-01',
    );
  });

  it('reads its own RSQL back into the same conditions, and keeps what it cannot show apart', () => {
    const filter = 'enterpriseNumber=empty=false;vatLiable==true;cf.mandate_signed_on=ge=2026-01-01;cf.mandate_signed_on=le=2026-06-30;createdAt=lt=2026-12-01';
    const parsed = parseRsql(filter, fields);
    expect(parsed.rest).toBeUndefined();
    expect(parsed.conditions).toEqual([
      { selector: 'enterpriseNumber', op: 'isNotEmpty', values: [] },
      { selector: 'vatLiable', op: 'is', values: ['true'] },
      { selector: 'cf.mandate_signed_on', op: 'between', values: ['2026-01-01', '2026-06-30'] },
      { selector: 'createdAt', op: 'between', values: ['', '2026-11-30'] },
    ]);
    expect(toRsql(parsed.conditions, fields)).toBe(filter);

    // an "or" binds looser than "and": kept whole, and grouped when a condition is added
    const or = parseRsql('cf.peppol_ready==false,cf.peppol_registered=empty=true', fields);
    expect(or).toEqual({ conditions: [], rest: 'cf.peppol_ready==false,cf.peppol_registered=empty=true' });
    expect(combine([{ selector: 'vatLiable', op: 'is', values: ['true'] }], or.rest, fields)).toBe(
      '(cf.peppol_ready==false,cf.peppol_registered=empty=true);vatLiable==true',
    );
    expect(parseRsql('nosuch==1;name=like="*a;b*"', fields)).toEqual({ conditions: [{ selector: 'name', op: 'contains', values: ['a;b'] }], rest: 'nosuch==1' });
  });
});
