import { useQuery } from '@apollo/client/react';
import { useId } from 'react';
import { AttachmentsField } from '../attachments/AttachmentsField';
import { ContentModelsQuery } from '../generation/operations';
import { useReportError, useServices, useStore } from '../services';

/** The prompt, model and files every generation uses, whichever lead it is for. */
export function GenerationSettingsForm() {
  const { settings } = useServices();
  const { prompt, model } = useStore(settings);
  const promptId = useId();
  const modelId = useId();
  const { data, error, refetch } = useQuery(ContentModelsQuery);
  useReportError('models', 'Loading the list of models', error, () => void refetch());

  const models = data?.contentModels ?? [];
  const defaultModel = models.find((m) => m.isDefault)?.id;
  // A model saved earlier that the server no longer allows falls back to the server's default.
  const chosen = models.some((m) => m.id === model) ? model : '';

  return (
    <fieldset className="settings">
      <legend>Generation settings (used for every lead)</legend>
      <div className="field">
        <label htmlFor={promptId}>Prompt</label>
        <textarea
          id={promptId}
          rows={3}
          placeholder="What should the sequences emphasise? e.g. our warehouse automation case study"
          value={prompt}
          onChange={(e) => settings.update({ prompt: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={modelId}>Model</label>
        <select id={modelId} value={chosen} onChange={(e) => settings.update({ model: e.target.value })}>
          <option value="">Server default{defaultModel ? ` (${defaultModel})` : ''}</option>
          {models
            .filter((m) => !m.isDefault)
            .map((m) => (
              <option key={m.id} value={m.id}>
                {m.id}
              </option>
            ))}
        </select>
      </div>
      <AttachmentsField />
    </fieldset>
  );
}
