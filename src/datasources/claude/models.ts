/** A lead as the app imported it; every field is untrusted CSV data. */
export interface LeadModel {
  email: string;
  firstName?: string;
  lastName?: string;
  company?: string;
  title?: string;
  industry?: string;
  linkedinUrl?: string;
  website?: string;
  city?: string;
  state?: string;
  country?: string;
  tags?: string;
}

/** A file the caller uploaded to Claude's file store, as a generation refers to it. */
export interface AttachmentRef {
  fileId: string;
  /** Images go to Claude as `image` blocks, PDFs as `document` blocks. */
  kind: 'image' | 'document';
}

export interface GenerateContentRequest {
  lead: LeadModel;
  prompt?: string;
  /** Already checked against the allow-override setting by the caller. */
  systemPrompt?: string;
  /** Already checked against the allow-list by the caller; the default model when absent. */
  model?: string;
  /** Already resolved to files the caller owns (at most 4). */
  attachments?: AttachmentRef[];
  /** Bypass (and refresh) the content cache. */
  fresh?: boolean;
  /** Write the sequence with concurrent calls when the quota allows. */
  parallel?: boolean;
}

export interface Snippets {
  snippet1: string;
  snippet2: string;
  snippet3: string;
  snippet4: string;
  snippet5: string;
  snippet6: string;
  snippet7: string;
}

export interface GeneratedContentModel extends Snippets {
  model: string;
  usage: { inputTokens: number; outputTokens: number };
  stopReason?: string;
  generatedAt: string;
  /** Served from the content cache without a Claude call. */
  cached: boolean;
  email: string;
  firstName?: string;
  lastName?: string;
  company?: string;
  title?: string;
  linkedinUrl?: string;
  industry: string;
  tags?: string;
}

/** What a generation would take, before it runs (the `estimateGeneration` query). */
export interface GenerationEstimateModel {
  inputTokens: number;
  maxOutputTokens: number;
  /** Null when the price list has no price for the model. */
  minCostUsd: number | null;
  maxCostUsd: number | null;
  etaSeconds: number;
}
