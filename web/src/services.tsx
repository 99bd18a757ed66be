import { createContext, useContext, useEffect, useSyncExternalStore, type ReactNode } from 'react';
import type { AttachmentStore } from './attachments/attachment-store';
import { toAppError } from './errors/app-error';
import type { ErrorCenter } from './errors/error-center';
import type { GenerationService } from './generation/generation-service';
import type { LeadStore } from './leads/lead-store';
import type { ExternalStore } from './lib/external-store';
import type { SettingsStore } from './settings/settings-store';

/** The app's long-lived state, outside React so it can be persisted and tested without rendering. */
export interface Services {
  errors: ErrorCenter;
  leads: LeadStore;
  settings: SettingsStore;
  attachments: AttachmentStore;
  generation: GenerationService;
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices needs a ServicesProvider');
  return services;
}

export function useStore<T>(store: ExternalStore<T>): T {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/**
 * Mirrors a hook's error (useQuery's, say) into the error center while it lasts. The retry closure is not a
 * dependency: a re-render with a new closure is not a new error.
 */
export function useReportError(source: string, context: string, error: unknown, retry: () => void): void {
  const { errors } = useServices();
  useEffect(() => {
    if (error) errors.report(source, context, toAppError(error), retry);
    else errors.clear(source);
  }, [errors, source, context, error]);
}
