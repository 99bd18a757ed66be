/**
 * Snippet HTML ↔ the plain text the user edits. The layout is the one Woodpecker and the server use: one
 * `<div>` per paragraph, paragraphs joined by `<div><br></div>`, line breaks inside a paragraph as `<br>`.
 * In the text, paragraphs are separated by a blank line.
 */

const PARAGRAPH_BREAK = '<div><br></div>';

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text → snippet HTML. Empty text gives an empty string. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .map(escapeText)
        .join('<br>'),
    )
    .filter(Boolean)
    .map((paragraph) => `<div>${paragraph}</div>`)
    .join(PARAGRAPH_BREAK);
}

const BLOCKS = new Set(['DIV', 'P', 'LI', 'UL', 'OL', 'BLOCKQUOTE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
/** Elements whose content is not email text (the server strips them too; this is for HTML from elsewhere). */
const NOT_TEXT = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'IFRAME', 'OBJECT', 'SVG', 'MATH', 'TITLE', 'TEXTAREA']);

/** The lines of a node: block elements start new lines, `<br>` breaks one, an empty block is a blank line. */
function collectLines(node: Node, lines: string[]): void {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === Node.TEXT_NODE) {
      lines[lines.length - 1] += (child.textContent ?? '').replace(/\s+/g, ' ');
    } else if (child instanceof Element && NOT_TEXT.has(child.tagName.toUpperCase())) {
      continue;
    } else if (child instanceof HTMLBRElement) {
      lines.push('');
    } else if (child instanceof HTMLElement && BLOCKS.has(child.tagName)) {
      if (lines[lines.length - 1]?.trim() !== '') lines.push('');
      if (child.tagName === 'LI') lines[lines.length - 1] += '- ';
      collectLines(child, lines);
      lines.push('');
    } else {
      collectLines(child, lines);
    }
  }
}

/**
 * Snippet HTML → text. `<div><br></div>` separators become blank lines; formatting tags keep only their
 * text. Parsed with DOMParser, which builds an inert document: nothing in the HTML runs or loads.
 */
export function htmlToText(html: string): string {
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  const lines = [''];
  collectLines(body, lines);
  return lines
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
