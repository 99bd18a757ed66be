import { jsonReply } from '../../shared/http';
import type { RouteHandler } from './context';

/** GET /v1/me: the key check. The real shape is undocumented (UNVERIFIED); clients should only rely on a 200. */
export const me: RouteHandler = () =>
  jsonReply(200, {
    id: 10_001,
    company_id: 20_001,
    company: 'Outreach Demo Ltd',
    email: 'owner@outreach-demo.example',
    first_name: 'Alex',
    last_name: 'Morgan',
    timezone: 'Europe/Warsaw',
  });
