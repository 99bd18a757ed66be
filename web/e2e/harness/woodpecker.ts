import type { Simulators } from './stack';

export interface StoredProspect {
  email: string;
  snippet1?: string;
  snippet2?: string;
  [field: string]: unknown;
}

function get(sims: Simulators, route: string): Promise<Response> {
  return fetch(`${sims.woodpecker}${route}`, { headers: { 'x-api-key': sims.woodpeckerKey } });
}

/** The campaigns as the simulated Woodpecker lists them (v1 `campaign_list`). */
export async function simulatedCampaigns(sims: Simulators): Promise<{ id: number; name: string }[]> {
  const res = await get(sims, '/v1/campaign_list');
  if (!res.ok) throw new Error(`campaign_list answered ${res.status}`);
  return (await res.json()) as { id: number; name: string }[];
}

/** The prospects enrolled in a campaign, read straight from the simulator (204 = none). */
export async function prospectsIn(sims: Simulators, campaignId: number): Promise<StoredProspect[]> {
  const res = await get(sims, `/v1/prospects?campaigns_id=${campaignId}&per_page=500`);
  if (res.status === 204) return [];
  if (!res.ok) throw new Error(`prospects answered ${res.status}`);
  return (await res.json()) as StoredProspect[];
}
