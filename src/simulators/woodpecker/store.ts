import { type CampaignRecord, type CampaignStatus, type Enrolment, type ProspectRecord, prospectRecord } from './records';
import { type SeedCounts, generateSeedData } from './seed-data';

/**
 * The simulated account: campaigns, prospects and who is enrolled where. Records are replaced, never mutated,
 * once stored, so serialisation caches keyed by record identity stay correct; `version` moves on every write.
 */
export class WoodpeckerStore {
  private readonly campaignsById = new Map<number, CampaignRecord>();
  private readonly prospectsById = new Map<number, ProspectRecord>();
  private readonly prospectIdByEmail = new Map<string, number>();
  private readonly enrolmentsByCampaign = new Map<number, Map<number, Enrolment>>();
  private readonly campaignIdsByProspect = new Map<number, Set<number>>();
  private nextProspectId = 1;
  private writes = 0;

  static seeded(seed: number, counts: SeedCounts): WoodpeckerStore {
    const store = new WoodpeckerStore();
    const data = generateSeedData(seed, counts);
    for (const campaign of data.campaigns) store.putCampaign(campaign);
    for (const prospect of data.prospects) store.putProspect(prospect);
    for (const enrolment of data.enrolments) store.putEnrolment(enrolment);
    return store;
  }

  /** Changes whenever anything is written; caches compare it. */
  get version(): number {
    return this.writes;
  }

  campaigns(): IterableIterator<CampaignRecord> {
    return this.campaignsById.values();
  }

  campaign(id: number): CampaignRecord | undefined {
    return this.campaignsById.get(id);
  }

  /** All prospects in id order. */
  prospects(): IterableIterator<ProspectRecord> {
    return this.prospectsById.values();
  }

  prospect(id: number): ProspectRecord | undefined {
    return this.prospectsById.get(id);
  }

  prospectByEmail(email: string): ProspectRecord | undefined {
    const id = this.prospectIdByEmail.get(email.toLowerCase());
    return id === undefined ? undefined : this.prospectsById.get(id);
  }

  /** The campaign's prospects in id order (for tests asserting what an export really did). */
  prospectsInCampaign(campaignId: number): ProspectRecord[] {
    const enrolled = this.enrolmentsByCampaign.get(campaignId);
    if (!enrolled) return [];
    return [...enrolled.keys()].sort((a, b) => a - b).map((id) => this.prospectsById.get(id)!);
  }

  enrolmentsIn(campaignId: number): IterableIterator<Enrolment> {
    return (this.enrolmentsByCampaign.get(campaignId) ?? new Map<number, Enrolment>()).values();
  }

  enrolmentsOf(prospectId: number): Enrolment[] {
    const campaignIds = this.campaignIdsByProspect.get(prospectId);
    if (!campaignIds) return [];
    return [...campaignIds].map((campaignId) => this.enrolmentsByCampaign.get(campaignId)!.get(prospectId)!);
  }

  isEnrolled(campaignId: number, prospectId: number): boolean {
    return this.enrolmentsByCampaign.get(campaignId)?.has(prospectId) ?? false;
  }

  createProspect(values: Pick<ProspectRecord, 'email' | 'updated'> & Partial<Omit<ProspectRecord, 'id'>>): ProspectRecord {
    const prospect = prospectRecord({ ...values, id: this.nextProspectId });
    this.putProspect(prospect);
    this.writes++;
    return prospect;
  }

  updateProspect(id: number, changes: Partial<Omit<ProspectRecord, 'id' | 'email'>>): ProspectRecord {
    const current = this.prospectsById.get(id);
    if (!current) throw new Error(`no prospect ${id}`);
    const updated = { ...current, ...changes };
    this.prospectsById.set(id, updated);
    this.writes++;
    return updated;
  }

  enrol(campaignId: number, prospectId: number): void {
    const prospect = this.prospectsById.get(prospectId);
    this.putEnrolment({
      campaignId,
      prospectId,
      status: prospect?.status ?? 'ACTIVE',
      interested: 'NOT-MARKED',
      sent: 0,
      opened: false,
      clicked: false,
    });
    this.writes++;
  }

  /** Without campaign ids the prospects are deleted everywhere; with them they only leave those campaigns. */
  deleteProspects(ids: readonly number[], campaignIds?: readonly number[]): void {
    for (const id of ids) {
      const prospect = this.prospectsById.get(id);
      if (!prospect) continue;
      const leaving = campaignIds ?? [...(this.campaignIdsByProspect.get(id) ?? [])];
      for (const campaignId of leaving) {
        this.enrolmentsByCampaign.get(campaignId)?.delete(id);
        this.campaignIdsByProspect.get(id)?.delete(campaignId);
      }
      if (!campaignIds) {
        this.prospectsById.delete(id);
        this.prospectIdByEmail.delete(prospect.email.toLowerCase());
        this.campaignIdsByProspect.delete(id);
      }
    }
    this.writes++;
  }

  setCampaignStatus(id: number, status: CampaignStatus): void {
    const campaign = this.campaignsById.get(id);
    if (!campaign) throw new Error(`no campaign ${id}`);
    this.campaignsById.set(id, { ...campaign, status });
    this.writes++;
  }

  private putCampaign(campaign: CampaignRecord): void {
    this.campaignsById.set(campaign.id, campaign);
  }

  private putProspect(prospect: ProspectRecord): void {
    this.prospectsById.set(prospect.id, prospect);
    this.prospectIdByEmail.set(prospect.email.toLowerCase(), prospect.id);
    this.nextProspectId = Math.max(this.nextProspectId, prospect.id + 1);
  }

  private putEnrolment(enrolment: Enrolment): void {
    let enrolled = this.enrolmentsByCampaign.get(enrolment.campaignId);
    if (!enrolled) this.enrolmentsByCampaign.set(enrolment.campaignId, (enrolled = new Map()));
    enrolled.set(enrolment.prospectId, enrolment);
    let campaignIds = this.campaignIdsByProspect.get(enrolment.prospectId);
    if (!campaignIds) this.campaignIdsByProspect.set(enrolment.prospectId, (campaignIds = new Set()));
    campaignIds.add(enrolment.campaignId);
  }
}
