import { isValidEmail, normalizeEmail } from '../email';

describe('isValidEmail', () => {
  it.each([
    'jane@acme.com',
    'Jane.Doe@Acme.co.uk',
    'first.last+tag@sub.example.org',
    "o'brien@acme.ie",
    'x_y-z@acme-labs.io',
    'a@b.co',
    'user@xn--bcher-kva.example',
  ])('accepts %s', (email) => {
    expect(isValidEmail(email)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['no @', 'jane.acme.com'],
    ['no local part', '@acme.com'],
    ['no domain', 'jane@'],
    ['no dot in the domain', 'jane@localhost'],
    ['a space inside', 'jane doe@acme.com'],
    ['leading whitespace', ' jane@acme.com'],
    ['trailing whitespace', 'jane@acme.com '],
    ['two @', 'jane@doe@acme.com'],
    ['a leading dot', '.jane@acme.com'],
    ['two dots in a row', 'jane..doe@acme.com'],
    ['an empty domain label', 'jane@acme..com'],
    ['a hyphen at a label edge', 'jane@-acme.com'],
    ['a numeric top-level domain', 'jane@10.0.0.1'],
    ['a one-letter top-level domain', 'jane@acme.c'],
    ['a comma', 'jane,doe@acme.com'],
    ['angle brackets', '<jane@acme.com>'],
    ['a local part over 64 characters', `${'a'.repeat(65)}@acme.com`],
    ['more than 254 characters', `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.com`],
  ])('rejects %s', (_, email) => {
    expect(isValidEmail(email)).toBe(false);
  });

  it('accepts exactly 254 characters', () => {
    const email = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`;
    expect(email).toHaveLength(254);
    expect(isValidEmail(email)).toBe(true);
  });
});

describe('normalizeEmail', () => {
  it('trims and lower-cases for comparisons', () => {
    expect(normalizeEmail('  Jane.Doe@ACME.com ')).toBe('jane.doe@acme.com');
  });
});
