import sanitizeHtml from 'sanitize-html';

/**
 * The HTML rules for Woodpecker snippets, shared by the Claude data source and the export (where snippets come
 * from the client). Woodpecker mails snippets 2 and 4–7 as HTML and the app previews them, so whoever wrote
 * them, they pass through one allow-list. The app has always validated that an email body contains `<div>`.
 */

const PARAGRAPH_SEPARATOR = '<div><br></div>';
const MAX_NESTING = 32;

const SNIPPET_HTML: sanitizeHtml.IOptions = {
  allowedTags: ['div', 'br', 'p', 'span', 'b', 'strong', 'i', 'em', 'u', 'a', 'ul', 'ol', 'li'],
  allowedAttributes: { a: ['href', 'target', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  // `//evil.example` would inherit whatever scheme the viewer uses; links must say what they are.
  allowProtocolRelative: false,
  // Dropped with their content, not just their tags: nothing inside them is readable email text.
  nonTextTags: [
    ...['script', 'style', 'textarea', 'option', 'xmp'], // sanitize-html's defaults
    ...['noscript', 'noembed', 'noframes', 'iframe', 'object', 'template', 'title', 'svg', 'math'],
  ],
  // A link opened in a new tab must not get a handle on the page that opened it (reverse tabnabbing).
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }) },
  // No email nests this deep (the app's editor writes 2–4 levels). Deeper tags are dropped and their text kept:
  // thousands of unclosed tags would otherwise each get a closing tag, doubling what is stored and sent.
  nestingLimit: MAX_NESTING,
};

const TEXT_ONLY: sanitizeHtml.IOptions = { allowedTags: [], allowedAttributes: {}, nonTextTags: SNIPPET_HTML.nonTextTags };

/** An opening or closing element tag such as `<div>`, `</p>` or `<br/>`; `a < b` and `<3` are not tags. */
const HTML_TAG = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/i;
/** A candidate that is exactly one tag; candidates never contain `<` or `>` inside, so this cannot backtrack far. */
const WHOLE_TAG = new RegExp(`^${HTML_TAG.source}$`, 'i');
/** Tags that end a line or a block: they become spaces when HTML is flattened, so words do not run together. */
const LINE_BREAKING_TAG = /<br\s*\/?>|<\/(?:div|p|li|ul|ol)\s*>/gi;

/** Text-node escaping only (no attributes are ever built from text), the same escapes sanitize-html emits. */
function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Plain text → snippet HTML: one `<div>` per paragraph (paragraphs are separated by blank lines), single line
 * breaks inside a paragraph as `<br>`, paragraphs joined by `<div><br></div>` — the layout the app's editor
 * produces. Empty text gives an empty string.
 */
export function paragraphsToHtml(text: string): string {
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
    .join(PARAGRAPH_SEPARATOR);
}

/** Keeps formatting and http/https/mailto links; drops scripts, styles, event handlers and everything else. */
export function sanitizeSnippetHtml(html: string): string {
  // sanitize-html writes void elements XHTML-style; the app and Woodpecker's editor write `<br>`.
  return sanitizeHtml(html, SNIPPET_HTML).replace(/<br \/>/g, '<br>').trim();
}

/**
 * Any email-body snippet → safe snippet HTML that contains `<div>`: HTML is sanitised (and wrapped in a
 * `<div>` when it has none), plain text is laid out with `paragraphsToHtml`. Empty in, empty out.
 */
export function normalizeHtmlSnippet(value: string): string {
  if (!HTML_TAG.test(value)) return paragraphsToHtml(value);
  const html = sanitizeSnippetHtml(value);
  if (html === '' || html.includes('<div>')) return html;
  return `<div>${html}</div>`;
}

/** Any snippet → one line of plain text (subject, LinkedIn message): tags stripped, entities decoded. */
export function toPlainTextSnippet(value: string): string {
  const text = sanitizeHtml(value.replace(LINE_BREAKING_TAG, ' '), TEXT_ONLY);
  // sanitize-html decodes every entity and re-escapes only these three in text, so this restores the text exactly.
  let plain = text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  // Decoding can assemble a tag (`&lt;script&gt;`); plain snippets may land in HTML contexts, so none may remain.
  return withoutTags(plain).replace(/\s+/g, ' ').trim();
}

/**
 * Removes every tag, including those that only form once an inner one is gone (`<<a>a>` → ``), in one pass
 * instead of one pass per nesting level: the output is kept free of tags as it grows. A tag ends at a `>` and
 * starts at the last `<` before it that no kept `>` follows, so each `>` checks one candidate; a `>` that is kept
 * closes every `<` before it. A character is checked at most once before it is removed or closed off, so the
 * work is linear in the text whatever its nesting.
 */
function withoutTags(text: string): string {
  const out: string[] = [];
  /** Positions in `out` of the `<`s that no kept `>` follows yet. */
  const open: number[] = [];
  for (const char of text) {
    const start = open.at(-1);
    if (char === '<') open.push(out.length);
    else if (char === '>' && start !== undefined) {
      if (WHOLE_TAG.test(`${out.slice(start).join('')}>`)) {
        out.length = start;
        open.pop();
        continue;
      }
      open.length = 0;
    }
    out.push(char);
  }
  return out.join('');
}
