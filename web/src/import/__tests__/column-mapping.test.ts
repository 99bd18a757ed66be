import { describe, expect, it } from 'vitest';
import { autoMap } from '../column-mapping';

describe('autoMap', () => {
  it('When headers use common spellings (E-mail, First Name, Company Name, Job Title, LinkedIn URL), then each maps to its field', () => {
    expect(autoMap(['E-mail', 'First Name', 'last_name', 'Company Name', 'Job Title', 'LinkedIn URL', 'Website', 'Country'])).toEqual({
      'E-mail': 'email',
      'First Name': 'firstName',
      last_name: 'lastName',
      'Company Name': 'company',
      'Job Title': 'title',
      'LinkedIn URL': 'linkedinUrl',
      Website: 'website',
      Country: 'country',
    });
  });

  it('When a header only mentions email or LinkedIn ("Work E-mail (verified)", "Person Linkedin Profile"), then it is still recognised', () => {
    expect(autoMap(['Work E-mail (verified)', 'Person Linkedin Profile'])).toEqual({
      'Work E-mail (verified)': 'email',
      'Person Linkedin Profile': 'linkedinUrl',
    });
  });

  it('When two columns name the same field, then the first feeds it and the second is not used; unknown columns are not used', () => {
    expect(autoMap(['Email', 'Email Address', 'Notes', 'Organisation'])).toEqual({
      Email: 'email',
      'Email Address': null,
      Notes: null,
      Organisation: 'company',
    });
  });

  it('When the file has one name column ("Contact"), then it maps to the full name', () => {
    expect(autoMap(['Contact', 'Email'])).toEqual({ Contact: 'fullName', Email: 'email' });
  });
});
