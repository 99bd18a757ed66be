import { type Reply, jsonReply } from '../shared/http';

/** `claude-haiku-4-5-20251001` → `Claude Haiku 4.5`. */
function displayName(id: string): string {
  const words = id.replace(/-\d{8}$/, '').split('-');
  const name = words.filter((w) => !/^\d+$/.test(w)).map((w) => w[0]!.toUpperCase() + w.slice(1));
  const version = words.filter((w) => /^\d+$/.test(w)).join('.');
  return [...name, version].filter(Boolean).join(' ');
}

/** Dated ids carry their release date; undated aliases get a fixed one so the list is deterministic. */
function createdAt(id: string): string {
  const date = /-(\d{4})(\d{2})(\d{2})$/.exec(id);
  return date ? `${date[1]}-${date[2]}-${date[3]}T00:00:00Z` : '2025-01-01T00:00:00Z';
}

/** GET /v1/models in its simple single-page shape. */
export function modelsReply(models: readonly string[]): Reply {
  return jsonReply(200, {
    data: models.map((id) => ({ id, type: 'model', display_name: displayName(id), created_at: createdAt(id) })),
    has_more: false,
    first_id: models[0] ?? null,
    last_id: models[models.length - 1] ?? null,
  });
}
