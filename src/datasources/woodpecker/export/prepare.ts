import { isValidEmail, normalizeEmail } from '../../../domain/email';
import { toWireProspect } from '../mapping';
import type { ProspectErrorModel, ProspectInputModel } from '../models';
import type { WireProspectInput } from '../wire';
import { prospectError } from './prospect-errors';

export interface OutgoingProspect {
  /** As the caller spelled it: how results and errors name the prospect. */
  email: string;
  wire: WireProspectInput;
}

export interface PreparedExport {
  /** In input order, each address once. */
  outgoing: OutgoingProspect[];
  /** Rejected here, never sent. */
  rejected: ProspectErrorModel[];
}

/**
 * Invalid addresses are rejected locally (Woodpecker would answer E_EMAIL for them anyway, at the cost of a
 * call). A repeated address is sent once: a second copy in the same batch would come back as a duplicate of
 * the first and be miscounted as "already in the campaign".
 */
export function prepareExport(prospects: readonly ProspectInputModel[]): PreparedExport {
  const outgoing: OutgoingProspect[] = [];
  const rejected: ProspectErrorModel[] = [];
  const seen = new Set<string>();
  for (const prospect of prospects) {
    const key = normalizeEmail(prospect.email);
    if (!isValidEmail(prospect.email.trim())) rejected.push(prospectError(prospect.email, 'INVALID_EMAIL'));
    else if (seen.has(key)) rejected.push(prospectError(prospect.email, 'DUPLICATE_IN_REQUEST'));
    else {
      seen.add(key);
      outgoing.push({ email: prospect.email, wire: toWireProspect(prospect) });
    }
  }
  return { outgoing, rejected };
}

export function toBatches<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}
