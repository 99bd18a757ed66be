import Papa from 'papaparse';
import type { CsvRow } from './import-plan';

export interface ParsedCsv {
  headers: string[];
  rows: CsvRow[];
}

/**
 * Reads a CSV file with a header row. Blank lines are skipped; a byte-order mark and stray spaces around
 * header names are removed, since spreadsheet exports add both.
 */
export function readCsvFile(file: File): Promise<ParsedCsv> {
  return new Promise((resolve, reject) => {
    Papa.parse<CsvRow>(file, {
      header: true,
      skipEmptyLines: 'greedy',
      transformHeader: (header) => header.replace(/^\uFEFF/, '').trim(),
      complete: (result) => resolve({ headers: (result.meta.fields ?? []).filter(Boolean), rows: result.data }),
      error: (error) => reject(error),
    });
  });
}
