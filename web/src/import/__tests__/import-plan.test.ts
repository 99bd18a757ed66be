import { describe, expect, it } from 'vitest';
import { autoMap } from '../column-mapping';
import { MAX_IMPORT_ROWS, planImport, type CsvRow } from '../import-plan';

const HEADERS = ['Email', 'Name', 'Company'];
const plan = (rows: CsvRow[], existing: string[] = [], headers = HEADERS) =>
  planImport('leads.csv', headers, rows, autoMap(headers), new Set(existing));

describe('planImport', () => {
  it('When rows lack an email, have a bad one, or repeat one, then only the good rows become leads and each other row is reported with its line', () => {
    const result = plan([
      { Email: 'maria@acme.example', Name: 'Maria Lopez Garcia', Company: 'Acme' },
      { Email: '', Name: 'No Mail', Company: 'X' },
      { Email: 'bob@', Name: 'Bob', Company: 'Y' },
      { Email: 'MARIA@acme.example', Name: 'Maria again', Company: 'Acme' },
      { Email: 'kim@beta.example', Name: 'Kim', Company: 'Beta' },
      { Email: 'known@old.example', Name: 'Known', Company: 'Old' },
    ], ['known@old.example']);

    expect(result.refusal).toBeUndefined();
    expect(result.leads).toEqual([
      { email: 'maria@acme.example', firstName: 'Maria', lastName: 'Lopez Garcia', company: 'Acme' },
      { email: 'kim@beta.example', firstName: 'Kim', company: 'Beta' },
    ]);
    expect(result.problems).toEqual([
      { line: 3, email: '', kind: 'missing-email' },
      { line: 4, email: 'bob@', kind: 'invalid-email' },
      { line: 5, email: 'MARIA@acme.example', kind: 'duplicate-in-file', firstLine: 2 },
      { line: 7, email: 'known@old.example', kind: 'already-imported' },
    ]);
  });

  it('When an address is one the server refuses (no dot in the domain, a space, a numeric top-level domain), then the row is reported as invalid', () => {
    const result = plan([{ Email: 'a@localhost' }, { Email: 'a b@x.example' }, { Email: 'a@1.2.3.4' }, { Email: 'ok+tag@sub.x.example' }]);
    expect(result.problems.map((p) => p.kind)).toEqual(['invalid-email', 'invalid-email', 'invalid-email']);
    expect(result.leads.map((l) => l.email)).toEqual(['ok+tag@sub.x.example']);
  });

  it(`When the file has more than ${MAX_IMPORT_ROWS} rows, then nothing is imported and the plan says why`, () => {
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => ({ Email: `lead${i}@x.example` }));
    expect(plan(rows)).toMatchObject({ refusal: 'too-many-rows', rowCount: MAX_IMPORT_ROWS + 1, leads: [] });
    expect(plan(rows.slice(0, MAX_IMPORT_ROWS)).leads).toHaveLength(MAX_IMPORT_ROWS);
  });

  it('When no column holds emails, then nothing is imported', () => {
    expect(plan([{ Name: 'A', Company: 'B' }], [], ['Name', 'Company'])).toMatchObject({ refusal: 'no-email-column', leads: [] });
  });

  it('When first and last name columns exist, then a full-name column does not override them', () => {
    const headers = ['Email', 'First Name', 'Last Name', 'Name'];
    const result = planImport('f.csv', headers, [{ Email: 'a@b.example', 'First Name': 'Ann', 'Last Name': 'Lee', Name: 'Someone Else' }], autoMap(headers), new Set());
    expect(result.leads).toEqual([{ email: 'a@b.example', firstName: 'Ann', lastName: 'Lee' }]);
  });
});
