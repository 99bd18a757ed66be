import { describe, expect, it } from 'vitest';
import type { Sequence } from '../lead';
import { LeadStore } from '../lead-store';

const SEQUENCE: Sequence = { snippets: ['Subject line here', '<div>a</div>', 'li', '<div>b</div>', '<div>c</div>', '<div>d</div>', '<div>e</div>'], model: 'm', generatedAt: '2026-11-26T10:00:00Z' };

/** localStorage that refuses writes while `full` is set, as a browser over its quota does. */
class QuotaStorage implements Storage {
  full = false;
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    if (this.full) throw new DOMException('quota', 'QuotaExceededError');
    this.items.set(key, value);
  }
}

describe('LeadStore', () => {
  it('When the page is reloaded, then leads, drafts, edits and statuses come back as they were', () => {
    const before = new LeadStore(localStorage);
    const [a, b] = before.importLeads([{ email: 'a@x.example', company: 'A' }, { email: 'b@x.example' }]);
    before.generationStarted(a!);
    before.generationSucceeded(a!, SEQUENCE);
    before.editSnippet(a!, 0, 'Edited subject line');
    before.generationStarted(b!);
    before.generationEnded(b!, 'failed');

    const after = new LeadStore(localStorage);
    expect(after.leads).toEqual(before.leads);
    expect(after.find(a!)).toMatchObject({ status: 'drafted', sequence: SEQUENCE, edits: { 0: 'Edited subject line' }, company: 'A' });
    expect(after.find(b!)?.status).toBe('failed');
  });

  it('When the page is reloaded in the middle of a generation, then the lead returns to the status it had before', () => {
    const before = new LeadStore(localStorage);
    const [a, b] = before.importLeads([{ email: 'a@x.example' }, { email: 'b@x.example' }]);
    before.generationStarted(a!);
    before.generationSucceeded(a!, SEQUENCE);
    before.approve(a!, SEQUENCE.snippets);
    before.generationStarted(a!);
    before.generationStarted(b!);

    const after = new LeadStore(localStorage);
    expect(after.find(a!)?.status).toBe('approved');
    expect(after.find(b!)?.status).toBe('imported');
  });

  it('When leads are removed, then they are gone after a reload too, and their stored entries are deleted', () => {
    const before = new LeadStore(localStorage);
    const [a] = before.importLeads([{ email: 'a@x.example' }, { email: 'b@x.example' }]);
    before.remove([a!]);
    expect(new LeadStore(localStorage).leads.map((l) => l.email)).toEqual(['b@x.example']);
    expect(Object.keys(localStorage).filter((key) => key.includes(a!))).toEqual([]);
  });

  it('When the browser’s storage is full, then the store says so, and the change is written once there is room again', () => {
    const storage = new QuotaStorage();
    const store = new LeadStore(storage);
    const [a] = store.importLeads([{ email: 'a@x.example' }]);
    storage.full = true;
    store.editSnippet(a!, 0, 'typed while full');
    expect(store.getSnapshot().unsaved).toBe(true);
    expect(new LeadStore(storage).find(a!)?.edits).toBeUndefined();

    storage.full = false;
    store.importLeads([{ email: 'b@x.example' }]);
    expect(store.getSnapshot().unsaved).toBe(false);
    expect(new LeadStore(storage).find(a!)?.edits).toEqual({ 0: 'typed while full' });
  });

  it('When stored data is damaged, then the readable leads still load', () => {
    const before = new LeadStore(localStorage);
    const [a] = before.importLeads([{ email: 'a@x.example' }, { email: 'b@x.example' }]);
    localStorage.setItem(`outreach:lead:${a}`, '{not json');
    expect(new LeadStore(localStorage).leads.map((l) => l.email)).toEqual(['b@x.example']);
  });
});
