import { describe, expect, it } from 'vitest';
import { htmlToText, textToHtml } from '../snippet-html';

const SERVER_HTML = '<div>Hi Maria,</div><div><br></div><div>We help teams like Acme &amp; co. ship faster.<br>Worth a chat?</div><div><br></div><div>Best,<br>Dan</div>';
const TEXT = 'Hi Maria,\n\nWe help teams like Acme & co. ship faster.\nWorth a chat?\n\nBest,\nDan';

describe('snippet HTML ↔ text', () => {
  it('When snippet HTML in the server layout is shown as text, then paragraphs become blank-line separated and entities are decoded', () => {
    expect(htmlToText(SERVER_HTML)).toBe(TEXT);
  });

  it('When that text is saved, then it becomes exactly the same HTML again (one <div> per paragraph, joined by <div><br></div>)', () => {
    expect(textToHtml(htmlToText(SERVER_HTML))).toBe(SERVER_HTML);
  });

  it('When typed text has markup characters, extra blank lines and Windows line ends, then the HTML escapes them and keeps one separator', () => {
    const html = textToHtml('Price <$5> & more\r\n\r\n\r\n\r\n  second paragraph  \r\n');
    expect(html).toBe('<div>Price &lt;$5&gt; &amp; more</div><div><br></div><div>second paragraph</div>');
    expect(htmlToText(html)).toBe('Price <$5> & more\n\nsecond paragraph');
  });

  it('When HTML has formatting, links, lists or one line per <div>, then the text keeps the words and the line structure', () => {
    expect(htmlToText('<div><b>Bold</b> and <a href="https://x.example">a link</a></div><div>next line</div><ul><li>one</li><li>two</li></ul>')).toBe(
      'Bold and a link\nnext line\n- one\n- two',
    );
  });

  it('When HTML carries a script, a style or an event handler, then parsing it runs nothing and their content is not text', () => {
    const globals = globalThis as { hacked?: boolean };
    const text = htmlToText('<div>Hi<img src="x" onerror="globalThis.hacked = true"><script>globalThis.hacked = true</script><style>div{}</style></div>');
    expect(globals.hacked).toBeUndefined();
    expect(text).toBe('Hi');
  });

  it('When the text is empty or only blank lines, then the HTML is empty', () => {
    expect(textToHtml('')).toBe('');
    expect(textToHtml('\n \n\n')).toBe('');
  });
});
