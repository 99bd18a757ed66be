import type { ProspectErrorCode } from '../../generated/schema-enums';

/**
 * What the Woodpecker data source hands to resolvers (the codegen mappers point here). Field names follow the
 * GraphQL schema; enum values are already the GraphQL enum names (Woodpecker's `TO-CHECK` → `TO_CHECK`).
 */
export type CampaignStatus = 'RUNNING' | 'DRAFT' | 'EDITED' | 'PAUSED' | 'STOPPED' | 'COMPLETED';
export type ProspectStatus = 'ACTIVE' | 'BLACKLIST' | 'AUTOREPLIED' | 'TO_CHECK' | 'TO_REVIEW' | 'BOUNCED' | 'INVALID' | 'REPLIED';

export interface CampaignStatsModel {
  prospects: number;
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
  replied: number;
  autoReplied: number;
  bounced: number;
  invalid: number;
  interested: number;
  notInterested: number;
  maybeLater: number;
  optedOut: number;
  queued: number;
}

export interface CampaignModel {
  id: string;
  name: string;
  status: CampaignStatus;
  /** ISO 8601. */
  createdAt?: string;
  fromName?: string;
  fromEmail?: string;
  folderName?: string;
  perDay?: number;
  /** Present only when loaded through the single-campaign details call. */
  stats?: CampaignStatsModel;
}

/** What Woodpecker stores about a person, whether we read a prospect or send one. */
export interface ProspectContact {
  email: string;
  firstName?: string;
  lastName?: string;
  company?: string;
  title?: string;
  industry?: string;
  website?: string;
  linkedinUrl?: string;
  phone?: string;
  city?: string;
  state?: string;
  country?: string;
  tags?: string;
}

export interface ProspectModel extends ProspectContact {
  id: string;
  status?: ProspectStatus;
  lastContactedAt?: string;
  lastRepliedAt?: string;
  updatedAt?: string;
  /** Ids of the campaigns the prospect is enrolled in; resolved to campaigns through a DataLoader. */
  campaignIds: string[];
}

export interface ProspectPageModel {
  items: ProspectModel[];
  totalCount: number;
  page: number;
  perPage: number;
  hasNextPage: boolean;
}

export interface ProspectFilterModel {
  campaignId?: string;
  status?: ProspectStatus;
  email?: string;
  search?: string;
}

/** A prospect to export, already validated and sanitised by the caller. */
export interface ProspectInputModel extends ProspectContact {
  timeZone?: string;
  snippet1?: string;
  snippet2?: string;
  snippet3?: string;
  snippet4?: string;
  snippet5?: string;
  snippet6?: string;
  snippet7?: string;
}

export interface ProspectErrorModel {
  email: string;
  /** A rejection of this prospect, or the ErrorCode of its undeliverable batch (the SDL enum holds both). */
  code: ProspectErrorCode;
  message: string;
  retryable: boolean;
}

export interface ExportResultModel {
  total: number;
  succeeded: number;
  failed: number;
  duplicates: number;
  errors: ProspectErrorModel[];
}
