import { useState } from 'react';
import { isActive } from '../generation/generation-events';
import { displayName, type Lead } from '../leads/lead';
import { StatusBadge } from '../leads/StatusBadge';
import { useServices, useStore } from '../services';
import { GenerationEstimate } from './GenerationEstimate';
import { GenerationProgress, keptSnippets } from './GenerationProgress';
import { GenerationSettingsForm } from './GenerationSettingsForm';
import { checkApproval, fieldText, SNIPPET_FIELDS, streamedText, type FieldProblems } from './snippet-fields';
import { SnippetEditor } from './SnippetEditor';

function approvalNote(lead: Lead, problemCount: number): string {
  if (problemCount > 0) return `Fix ${problemCount === 1 ? 'the field' : `${problemCount} fields`} marked above, then approve.`;
  if (lead.status === 'approved') return 'Approved: ready to export.';
  if (lead.status === 'exported') return `Exported to ${lead.lastExport?.campaignName ?? 'a campaign'}.`;
  return lead.sequence ? 'Review and edit, then approve.' : '';
}

function SequenceEditor({ lead }: { lead: Lead }) {
  const { leads, generation } = useServices();
  const live = useStore(generation.queue).get(lead.id);
  const [problems, setProblems] = useState<FieldProblems>({});
  const writing = isActive(live);
  // While it is written, and after a failure that finished some touches, the fields show that generation's text.
  const shown = writing || keptSnippets(live) > 0 ? live : undefined;

  const approve = () => {
    const check = checkApproval(lead);
    if (check.ok) {
      setProblems({});
      leads.approve(lead.id, check.snippets);
    } else {
      setProblems(check.problems);
    }
  };
  const problemCount = Object.keys(problems).length;

  return (
    <>
      {!writing && <GenerationEstimate lead={lead} />}
      <GenerationProgress state={live} lead={lead} onCancel={() => generation.cancel(lead.id)} onShowSaved={() => generation.dismiss(lead.id)} />
      <div className="snippets">
        {SNIPPET_FIELDS.map((field) => (
          <SnippetEditor
            key={field.index}
            field={field}
            value={shown ? streamedText(shown.snippets[field.index] ?? '', field) : fieldText(lead, field)}
            readOnly={shown !== undefined || !lead.sequence}
            problem={problems[field.index]}
            onChange={(text) => {
              leads.editSnippet(lead.id, field.index, text);
              if (problems[field.index]) setProblems(({ [field.index]: _fixed, ...rest }) => rest);
            }}
          />
        ))}
      </div>
      <div className="approve-bar">
        <button type="button" className="primary" onClick={approve} disabled={shown !== undefined || !lead.sequence || lead.status === 'approved' || lead.status === 'exported'}>
          Approve
        </button>
        <p aria-live="polite" className={problemCount > 0 ? 'problem' : 'sub'}>
          {approvalNote(lead, problemCount)}
        </p>
      </div>
    </>
  );
}

/** One lead at a time: the generation settings, the estimate, where its generation is, its seven touches, and Approve. */
export function LeadDetail({ leadId }: { leadId: string | undefined }) {
  const { leads } = useServices();
  const lead = useStore(leads).leads.find((l) => l.id === leadId);
  return (
    <section className="panel" aria-labelledby="detail-heading">
      <header className="panel-header">
        <h2 id="detail-heading">{lead ? displayName(lead) : 'Sequence'}</h2>
        {lead && <StatusBadge status={lead.status} />}
      </header>
      {lead && (
        <p className="sub lead-facts">
          {[lead.email, lead.title, lead.company].filter(Boolean).join(' · ')}
        </p>
      )}
      <GenerationSettingsForm />
      {lead ? <SequenceEditor key={lead.id} lead={lead} /> : <p className="empty">Press Generate on a lead, or click its name, to see its sequence here.</p>}
    </section>
  );
}
