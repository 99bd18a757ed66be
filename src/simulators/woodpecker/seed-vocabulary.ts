import type { CampaignStatus } from './records';

/** Fictional but plausible material for the seeded account. Domains use reserved or invented names only. */

export const FIRST_NAMES = [
  'Anna', 'Ben', 'Chloe', 'Daniel', 'Elena', 'Felix', 'Grace', 'Hugo', 'Isabel', 'Jonas', 'Katarzyna', 'Liam',
  'Maya', 'Noah', 'Olivia', 'Pawel', 'Quinn', 'Rosa', 'Samuel', 'Tara', 'Umar', 'Vera', 'William', 'Xenia',
  'Yusuf', 'Zoe', 'Marta', 'Tomasz', 'Sofia', 'Lucas', 'Emma', 'Oscar', 'Nina', 'Leon', 'Hannah', 'Mateo',
  'Priya', 'Arjun', 'Freya', 'Erik',
];

export const LAST_NAMES = [
  'Schmidt', 'Kowalski', 'Nguyen', 'Garcia', 'Johansson', 'Rossi', 'Dubois', 'Novak', 'Murphy', 'Fischer',
  'Silva', 'Kim', 'Patel', 'Andersen', 'Weber', 'Moreau', 'Jansen', 'Costa', 'Walsh', 'Lindqvist', 'Bauer',
  'Horvath', 'Okafor', 'Tanaka', 'Wisniewski', 'Martin', 'Becker', 'Rahman', 'Larsen', 'Ortiz', 'Keller',
  'Byrne', 'Meyer', 'Lopez', 'Nowak', 'Brennan', 'Sato', 'Ivanova', 'Berg', 'Shah',
];

export interface CompanyProfile {
  name: string;
  domain: string;
  industry: string;
  city: string;
  state: string;
  country: string;
}

export const COMPANIES: CompanyProfile[] = [
  { name: 'Northwind Analytics', domain: 'northwind-analytics.example', industry: 'SaaS', city: 'Berlin', state: '', country: 'Germany' },
  { name: 'Brightwave Labs', domain: 'brightwave.example', industry: 'SaaS', city: 'London', state: '', country: 'United Kingdom' },
  { name: 'Cobalt Ledger', domain: 'cobaltledger.example', industry: 'Fintech', city: 'Amsterdam', state: '', country: 'Netherlands' },
  { name: 'Fernhill Capital', domain: 'fernhill.vc.example', industry: 'Venture Capital', city: 'San Francisco', state: 'CA', country: 'United States' },
  { name: 'Helix Health', domain: 'helixhealth.example', industry: 'Healthtech', city: 'Boston', state: 'MA', country: 'United States' },
  { name: 'Kestrel Logistics', domain: 'kestrel-logistics.example', industry: 'Logistics', city: 'Rotterdam', state: '', country: 'Netherlands' },
  { name: 'Lumen Retail', domain: 'lumenretail.example', industry: 'E-commerce', city: 'Paris', state: '', country: 'France' },
  { name: 'Meridian Security', domain: 'meridiansec.example', industry: 'Cybersecurity', city: 'Tel Aviv', state: '', country: 'Israel' },
  { name: 'Nimbus Cloudworks', domain: 'nimbuscloud.example', industry: 'SaaS', city: 'Dublin', state: '', country: 'Ireland' },
  { name: 'Orchard Foods', domain: 'orchardfoods.example', industry: 'Food & Beverage', city: 'Copenhagen', state: '', country: 'Denmark' },
  { name: 'Pinnacle Recruiting', domain: 'pinnaclerecruit.example', industry: 'Staffing', city: 'Manchester', state: '', country: 'United Kingdom' },
  { name: 'Quarry Studio', domain: 'quarry.studio.example', industry: 'Marketing Agency', city: 'Warsaw', state: '', country: 'Poland' },
  { name: 'Redwood Ventures', domain: 'redwoodvc.example', industry: 'Venture Capital', city: 'New York', state: 'NY', country: 'United States' },
  { name: 'Saltmarsh Energy', domain: 'saltmarsh.energy.example', industry: 'Cleantech', city: 'Oslo', state: '', country: 'Norway' },
  { name: 'Tidewater Insurance', domain: 'tidewater-ins.example', industry: 'Insurance', city: 'Zurich', state: '', country: 'Switzerland' },
  { name: 'Umbra Games', domain: 'umbragames.example', industry: 'Gaming', city: 'Stockholm', state: '', country: 'Sweden' },
  { name: 'Vantage Payroll', domain: 'vantagepayroll.example', industry: 'HR Tech', city: 'Austin', state: 'TX', country: 'United States' },
  { name: 'Willow Learning', domain: 'willowlearning.example', industry: 'Edtech', city: 'Toronto', state: 'ON', country: 'Canada' },
  { name: 'Xylo Robotics', domain: 'xylorobotics.example', industry: 'Manufacturing', city: 'Munich', state: '', country: 'Germany' },
  { name: 'Yardline Property', domain: 'yardline.example', industry: 'Real Estate', city: 'Madrid', state: '', country: 'Spain' },
  { name: 'Zephyr Travel', domain: 'zephyrtravel.example', industry: 'Travel', city: 'Lisbon', state: '', country: 'Portugal' },
  { name: 'Atlas Procurement', domain: 'atlasprocure.example', industry: 'SaaS', city: 'Vienna', state: '', country: 'Austria' },
  { name: 'Beacon Legal', domain: 'beaconlegal.example', industry: 'Legal Services', city: 'Edinburgh', state: '', country: 'United Kingdom' },
  { name: 'Cedar Biotech', domain: 'cedarbio.example', industry: 'Biotech', city: 'Basel', state: '', country: 'Switzerland' },
  { name: 'Driftwood Media', domain: 'driftwoodmedia.example', industry: 'Media', city: 'Los Angeles', state: 'CA', country: 'United States' },
  { name: 'Emberline Fintech', domain: 'emberline.example', industry: 'Fintech', city: 'London', state: '', country: 'United Kingdom' },
  { name: 'Foxglove Data', domain: 'foxglovedata.example', industry: 'Data & AI', city: 'Krakow', state: '', country: 'Poland' },
  { name: 'Granite Construction Tech', domain: 'granitetech.example', industry: 'Construction', city: 'Chicago', state: 'IL', country: 'United States' },
  { name: 'Harbor Freight Systems', domain: 'harborfs.example', industry: 'Logistics', city: 'Hamburg', state: '', country: 'Germany' },
  { name: 'Iris Telecom', domain: 'iristelecom.example', industry: 'Telecommunications', city: 'Milan', state: '', country: 'Italy' },
];

export const TITLES = [
  'CEO', 'Co-founder', 'CTO', 'VP Sales', 'Head of Growth', 'Marketing Director', 'CFO', 'Head of Partnerships',
  'Sales Development Manager', 'Managing Partner', 'Principal', 'Head of Operations', 'COO', 'VP Marketing',
  'Revenue Operations Lead', 'Head of People', 'Product Director', 'Business Development Manager',
];

export const TAG_SETS = ['', '', '#SaaS', '#VC #SaaS', '#Fintech', '#Agency', '#Inbound', '#Conference2025', '#Enterprise', '#VC'];

export const OPENING_LINES = [
  'Loved your post about scaling outbound without burning the list.',
  'Congrats on the recent funding round.',
  'Saw you are hiring SDRs in three new markets.',
  'Your talk on pipeline hygiene was spot on.',
];

export interface CampaignSeed {
  name: string;
  status: CampaignStatus;
  folder: string;
}

/** The hand-written campaigns an account of ~6 starts with; the last is the empty draft. */
export const CURATED_CAMPAIGNS: CampaignSeed[] = [
  { name: 'Q3 SaaS founders – EU', status: 'RUNNING', folder: 'Founders' },
  { name: 'Series A VCs – warm follow-up', status: 'RUNNING', folder: 'Investors' },
  { name: 'Agency partners DACH', status: 'PAUSED', folder: 'Partners' },
  { name: 'Fintech CFOs – UK', status: 'COMPLETED', folder: 'Finance' },
  { name: 'Webinar no-shows (May)', status: 'STOPPED', folder: 'Events' },
  { name: 'New campaign (draft)', status: 'DRAFT', folder: '' },
];

/** Material for the campaigns beyond the curated ones (benchmarks ask for a hundred). */
export const CAMPAIGN_SEGMENTS = ['SaaS founders', 'VC partners', 'Fintech CFOs', 'Agency owners', 'Heads of Growth', 'RevOps leads'];
export const CAMPAIGN_REGIONS = ['EU', 'UK', 'DACH', 'Nordics', 'US East', 'US West', 'CEE'];
export const GENERATED_STATUSES: CampaignStatus[] = ['RUNNING', 'RUNNING', 'PAUSED', 'COMPLETED', 'EDITED', 'DRAFT', 'STOPPED'];

export const SENDERS = [
  { name: 'Alex Morgan', email: 'alex@outreach-demo.example' },
  { name: 'Jamie Lee', email: 'jamie@outreach-demo.example' },
  { name: 'Sam Rivera', email: 'sam@growth-demo.example' },
];
