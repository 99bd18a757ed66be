import { ExternalStore } from '../lib/external-store';

/** What every generation uses: the user's instructions and the model (empty = the server's default). */
export interface GenerationSettings {
  prompt: string;
  model: string;
}

const KEY = 'outreach:settings';
const DEFAULTS: GenerationSettings = { prompt: '', model: '' };

function load(storage: Storage | undefined): GenerationSettings {
  try {
    const saved = JSON.parse(storage?.getItem(KEY) ?? 'null') as Partial<GenerationSettings> | null;
    return {
      prompt: typeof saved?.prompt === 'string' ? saved.prompt : DEFAULTS.prompt,
      model: typeof saved?.model === 'string' ? saved.model : DEFAULTS.model,
    };
  } catch {
    return DEFAULTS;
  }
}

export class SettingsStore extends ExternalStore<GenerationSettings> {
  constructor(private readonly storage: Storage | undefined) {
    super(load(storage));
  }

  update(change: Partial<GenerationSettings>): void {
    const next = { ...this.getSnapshot(), ...change };
    this.set(next);
    try {
      this.storage?.setItem(KEY, JSON.stringify(next));
    } catch {
      // Settings are a convenience; the leads' own storage problems are reported where they are shown.
    }
  }
}
