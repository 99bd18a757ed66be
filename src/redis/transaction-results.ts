/** MULTI and pipeline report each command's error beside its result; any one fails the whole operation. */
export function throwFirstError(results: [Error | null, unknown][] | null): unknown[] {
  if (!results) throw new Error('Redis discarded the transaction');
  for (const [error] of results) if (error) throw error;
  return results.map(([, result]) => result);
}
