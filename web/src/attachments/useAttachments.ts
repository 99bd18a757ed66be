import { useServices, useStore } from '../services';
import { readyIds } from './attachment-store';

/** The attached files as the screens render them, with the ids a generation would send now. */
export function useAttachments() {
  const { attachments } = useServices();
  const files = useStore(attachments);
  return { store: attachments, files, readyIds: readyIds(files) };
}
