import { MemoryAttachmentStore } from '../memory-attachment-store';
import { attachmentStoreContract } from './attachment-store-contract';

describe('MemoryAttachmentStore', () => {
  attachmentStoreContract(() => new MemoryAttachmentStore());
});
