import { normalizeHtmlSnippet, paragraphsToHtml, sanitizeSnippetHtml, toPlainTextSnippet } from '../snippets';

describe('paragraphsToHtml', () => {
  it('makes one <div> per paragraph, joined by <div><br></div>, with line breaks as <br>', () => {
    expect(paragraphsToHtml('Hi Jane,\n\nFirst line\nsecond line\n\nBest,\nDan')).toBe(
      '<div>Hi Jane,</div><div><br></div><div>First line<br>second line</div><div><br></div><div>Best,<br>Dan</div>',
    );
  });

  it('treats CRLF, several blank lines and whitespace-only lines as one paragraph break', () => {
    expect(paragraphsToHtml('  One\r\n\r\n \r\n\r\nTwo  ')).toBe('<div>One</div><div><br></div><div>Two</div>');
  });

  it('escapes text, so markup in it is shown, not run', () => {
    expect(paragraphsToHtml('Save 5 < 10 & <script>alert(1)</script>')).toBe(
      '<div>Save 5 &lt; 10 &amp; &lt;script&gt;alert(1)&lt;/script&gt;</div>',
    );
  });

  it('gives an empty string for blank text', () => {
    expect(paragraphsToHtml(' \n\n ')).toBe('');
  });
});

describe('sanitizeSnippetHtml', () => {
  it.each([
    ['a script element, with its content', '<div>Hi</div><script>alert(1)</script>', '<div>Hi</div>'],
    ['an image with an event handler', '<div>Hi<img src=x onerror=alert(1)></div>', '<div>Hi</div>'],
    ['event handlers on allowed tags', '<div onclick="alert(1)" onmouseover="x()">Hi</div>', '<div>Hi</div>'],
    ['inline styles and classes', '<div style="background:url(javascript:alert(1))" class="x">Hi</div>', '<div>Hi</div>'],
    ['a style element, with its content', '<style>div{color:red}</style><b>Hi</b>', '<b>Hi</b>'],
    ['an iframe', '<iframe src="https://evil.example"></iframe><div>Hi</div>', '<div>Hi</div>'],
    ['SVG with a script inside', '<svg onload=alert(1)><script>alert(2)</script><text>x</text></svg><p>Hi</p>', '<p>Hi</p>'],
    ['a MathML/style mutation payload', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', ''],
  ])('removes %s', (_name, dirty, clean) => {
    expect(sanitizeSnippetHtml(dirty)).toBe(clean);
  });

  it.each([
    ['javascript:', '<a href="javascript:alert(1)">x</a>'],
    ['mixed-case javascript: with a leading space', '<a href=" JaVaScRiPt:alert(1)">x</a>'],
    ['javascript: split by an encoded tab', '<a href="jav&#x09;ascript:alert(1)">x</a>'],
    ['javascript: with an entity-encoded first letter', '<a href="&#106;avascript:alert(1)">x</a>'],
    ['data:', '<a href="data:text/html,<script>alert(1)</script>">x</a>'],
    ['protocol-relative', '<a href="//evil.example/">x</a>'],
  ])('drops a %s link target but keeps the text', (_name, dirty) => {
    const clean = sanitizeSnippetHtml(dirty);
    expect(clean).not.toContain('href');
    expect(clean).toContain('>x</a>');
  });

  it('keeps http, https and mailto links, adding rel so a new tab cannot reach the opener', () => {
    expect(sanitizeSnippetHtml('<a href="https://acme.example/case" target="_blank">case study</a>')).toBe(
      '<a href="https://acme.example/case" target="_blank" rel="noopener noreferrer">case study</a>',
    );
    expect(sanitizeSnippetHtml('<a href="mailto:dan@acme.example">mail</a>')).toContain('href="mailto:dan@acme.example"');
  });

  it('keeps formatting and lists and writes <br> as the app does', () => {
    const html = '<div><b>Bold</b> <strong>s</strong> <i>i</i> <em>e</em> <u>u</u> <span>sp</span><br/></div><ul><li>one</li></ul><ol><li>two</li></ol><p>p</p>';
    expect(sanitizeSnippetHtml(html)).toBe(
      '<div><b>Bold</b> <strong>s</strong> <i>i</i> <em>e</em> <u>u</u> <span>sp</span><br></div><ul><li>one</li></ul><ol><li>two</li></ol><p>p</p>',
    );
  });

  it('When tags nest deeper than 32 levels, then the deeper tags are dropped and their text is kept', () => {
    const deep = `${'<div>'.repeat(40)}deep text${'</div>'.repeat(40)}`;
    expect(sanitizeSnippetHtml(deep)).toBe(`${'<div>'.repeat(32)}deep text${'</div>'.repeat(32)}`);
    const unclosed = '<b>'.repeat(5_000);
    expect(sanitizeSnippetHtml(unclosed).length).toBeLessThan(unclosed.length);
  });

  it('keeps entity-encoded markup as inert text', () => {
    expect(sanitizeSnippetHtml('<div>&lt;script&gt;alert(1)&lt;/script&gt;</div>')).toBe('<div>&lt;script&gt;alert(1)&lt;/script&gt;</div>');
  });
});

describe('normalizeHtmlSnippet', () => {
  it('lays out plain text as paragraphs', () => {
    expect(normalizeHtmlSnippet('One\n\nTwo')).toBe('<div>One</div><div><br></div><div>Two</div>');
  });

  it('sanitises HTML and leaves the app layout unchanged', () => {
    const html = '<div>One</div><div><br></div><div>Two</div>';
    expect(normalizeHtmlSnippet(`${html}<script>alert(1)</script>`)).toBe(html);
    expect(normalizeHtmlSnippet(normalizeHtmlSnippet('One\n\nTwo'))).toBe(normalizeHtmlSnippet('One\n\nTwo'));
  });

  it('wraps HTML without a <div> so the app accepts it as an email body', () => {
    expect(normalizeHtmlSnippet('<p>One</p><p>Two</p>')).toBe('<div><p>One</p><p>Two</p></div>');
  });

  it('treats "a < b" and "<3" as text, not as tags', () => {
    expect(normalizeHtmlSnippet('a < b <3')).toBe('<div>a &lt; b &lt;3</div>');
  });

  it('gives an empty string when nothing survives sanitising', () => {
    expect(normalizeHtmlSnippet('<script>alert(1)</script>')).toBe('');
  });
});

describe('toPlainTextSnippet', () => {
  it('strips tags, keeps word boundaries at block ends and collapses to one line', () => {
    expect(toPlainTextSnippet('<div>Quick question,</div><div><br></div><div>Jane</div>\n')).toBe('Quick question, Jane');
  });

  it('decodes entities to the characters they stand for', () => {
    expect(toPlainTextSnippet('R&amp;D at Acme &#38; Co &lt;3 &quot;now&quot;')).toBe('R&D at Acme & Co <3 "now"');
  });

  it('keeps plain text as it is, apart from whitespace', () => {
    expect(toPlainTextSnippet('  Cutting churn at Acme & Co:\n 5 < 10  ')).toBe('Cutting churn at Acme & Co: 5 < 10');
  });

  it('drops script and style content and never lets decoded entities form a tag', () => {
    expect(toPlainTextSnippet('<script>alert(1)</script><style>x{}</style>Hi')).toBe('Hi');
    expect(toPlainTextSnippet('Hi &lt;script&gt;alert(1)&lt;/script&gt;')).toBe('Hi alert(1)');
    expect(toPlainTextSnippet('&lt;scr&lt;script&gt;ipt&gt;x')).toBe('x');
  });

  it('When decoded text nests tags in any order, then one pass leaves what stripping until no tag is left would', () => {
    // The oracle is the obvious (quadratic) definition: strip every tag, again and again, until none is left.
    const tag = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/gi;
    const stripRepeatedly = (text: string) => {
      let out = text;
      while (new RegExp(tag.source, 'i').test(out)) out = out.replace(tag, '');
      return out.replace(/\s+/g, ' ').trim();
    };
    const alphabet = ['<', '>', '/', ' ', 'a', 'b', '1', '-', '&lt;', '&gt;', 'x'];
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % alphabet.length;
    for (let sample = 0; sample < 2000; sample++) {
      const encoded = Array.from({ length: 4 + (sample % 40) }, () => alphabet[next()]).join('');
      const decoded = encoded.replace(/&lt;/g, '<').replace(/&gt;/g, '>');
      expect(toPlainTextSnippet(encoded.replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;')))).toBe(stripRepeatedly(decoded));
    }
  });
});
