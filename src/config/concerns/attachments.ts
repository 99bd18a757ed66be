import { z } from 'zod';
import { int } from '../variable-kinds';

const variables = z.object({
  ATTACHMENT_TTL_SECONDS: int(86_400, 60).describe(
    "how long an uploaded image or PDF stays usable after its upload; then the sweeper deletes it from Claude's file store. A day covers a working session of generations with the same one-pager and bounds what a client that never deletes leaves behind",
  ),
  ATTACHMENT_MAX_CONCURRENT_UPLOADS: int(4, 1).describe(
    'uploads this instance reads and sends at once; each holds its file in memory (at most 10 MB) until Claude stored it, so this bounds that memory',
  ),
  ATTACHMENT_UPLOAD_QUEUE_MAX: int(16).describe('uploads waiting for one of those slots; beyond that an upload fails with UPSTREAM_BUSY'),
  ATTACHMENT_SWEEP_INTERVAL_MS: int(60_000, 100).describe(
    "how often each instance deletes the files of expired attachments from Claude's file store (a bounded batch per sweep)",
  ),
  RATE_LIMIT_UPLOADS_PER_MINUTE: int(20, 1).describe('uploads (POST /attachments) per caller and minute'),
});

export const attachments = variables
  .transform((env) => ({
    attachments: {
      ttlMs: env.ATTACHMENT_TTL_SECONDS * 1000,
      maxConcurrentUploads: env.ATTACHMENT_MAX_CONCURRENT_UPLOADS,
      uploadQueueMax: env.ATTACHMENT_UPLOAD_QUEUE_MAX,
      sweepIntervalMs: env.ATTACHMENT_SWEEP_INTERVAL_MS,
      uploadsPerMinute: env.RATE_LIMIT_UPLOADS_PER_MINUTE,
    },
  }))
  .meta({
    title: 'Attachments',
    description:
      "Images and PDFs uploaded with POST /attachments go to Claude's file store; the server keeps who owns each one " +
      '(in Redis when REDIS_URL is set) and deletes the file when its owner does or when it expires.',
  });
