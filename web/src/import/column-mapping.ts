import type { ContactField } from '../leads/lead';

/** A CSV column feeds one lead field, or `fullName` (split into first and last name), or nothing. */
export type MappedField = ContactField | 'fullName';
export type ColumnMapping = Readonly<Record<string, MappedField | null>>;

export const FIELD_LABELS: Record<MappedField, string> = {
  email: 'Email',
  firstName: 'First name',
  lastName: 'Last name',
  fullName: 'Full name',
  company: 'Company',
  title: 'Job title',
  industry: 'Industry',
  linkedinUrl: 'LinkedIn',
  website: 'Website',
  phone: 'Phone',
  city: 'City',
  state: 'State',
  country: 'Country',
  tags: 'Tags',
};

/**
 * Header spellings seen in exports from CRMs and lead tools (Apollo, Lusha, LinkedIn Sales Navigator, hand-made
 * sheets), compared after `normalizeHeader`: case, spaces, dashes and underscores do not matter.
 */
const VARIANTS: Record<MappedField, readonly string[]> = {
  email: ['email', 'emailaddress', 'workemail', 'businessemail', 'emailinlusha', 'emailinapollo', 'mail', 'contactemail', 'primaryemail'],
  firstName: ['firstname', 'first', 'givenname', 'fname', 'forename'],
  lastName: ['lastname', 'last', 'surname', 'familyname', 'lname'],
  fullName: ['name', 'fullname', 'contact', 'contactname', 'person', 'prospect', 'leadname'],
  company: ['company', 'companyname', 'organization', 'organisation', 'account', 'accountname', 'employer', 'companynickname'],
  title: ['title', 'jobtitle', 'position', 'role', 'jobrole', 'designation', 'seniority'],
  industry: ['industry', 'sector', 'vertical'],
  linkedinUrl: ['linkedin', 'linkedinurl', 'linkedinprofile', 'linkedinprofileurl', 'personlinkedinurl', 'social', 'profileurl'],
  website: ['website', 'companywebsite', 'websiteurl', 'domain', 'companydomain', 'url', 'web'],
  phone: ['phone', 'phonenumber', 'mobile', 'mobilephone', 'telephone', 'tel', 'workphone'],
  city: ['city', 'town', 'location'],
  state: ['state', 'region', 'province', 'county'],
  country: ['country', 'countrycode', 'nation'],
  tags: ['tags', 'tag', 'labels'],
};

export function normalizeHeader(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const FIELD_BY_VARIANT = new Map<string, MappedField>(
  (Object.entries(VARIANTS) as [MappedField, readonly string[]][]).flatMap(([field, variants]) =>
    variants.map((variant) => [variant, field] as const),
  ),
);

/** Headers that are not an exact variant but plainly hold an email address ("E-mail (verified)"). */
function looseMatch(normalized: string): MappedField | undefined {
  if (normalized.includes('email')) return 'email';
  if (normalized.includes('linkedin')) return 'linkedinUrl';
  return undefined;
}

/** Each field is fed by at most one column: the first column that names it wins, later ones stay unused. */
export function autoMap(headers: readonly string[]): ColumnMapping {
  const taken = new Set<MappedField>();
  const mapping: Record<string, MappedField | null> = {};
  for (const header of headers) {
    const normalized = normalizeHeader(header);
    const field = FIELD_BY_VARIANT.get(normalized) ?? looseMatch(normalized);
    if (field && !taken.has(field)) {
      taken.add(field);
      mapping[header] = field;
    } else {
      mapping[header] = null;
    }
  }
  return mapping;
}
