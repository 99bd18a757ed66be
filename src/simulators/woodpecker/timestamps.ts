/**
 * v1 timestamps look like `2025-03-14T09:12:00+0100`: an offset without a colon. The simulator writes them
 * in Central European winter time, which is where Woodpecker's sample data lives.
 */
export function v1Timestamp(epochMs: number, offsetMinutes = 60): string {
  const local = new Date(epochMs + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

/** v2 error bodies print `2025-03-05 17:57:00`: no zone at all. */
export function v2Timestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ');
}
