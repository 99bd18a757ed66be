import { badInput } from '../errors';

/** Woodpecker campaign ids are positive integers; anything else is refused before an upstream call. */
export function parseCampaignId(raw: string, field: string): string {
  const trimmed = raw.trim();
  if (!/^[1-9]\d{0,15}$/.test(trimmed) || !Number.isSafeInteger(Number(trimmed))) {
    throw badInput('The campaign id must be a positive whole number.', [field]);
  }
  return trimmed;
}
