/** Escaping for the HTML report: text and attributes, and JSON embedded in a script element. */

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Escapes text or a double/single-quoted attribute value; control characters become visible symbols (␀, ␛…). */
export function escapeHtml(value: string | number | boolean): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(CONTROL, (c) => String.fromCharCode(c === '\u007F' ? 0x2421 : 0x2400 + c.charCodeAt(0)));
}

/**
 * JSON safe inside `<script type="application/json">`: `</` becomes `<\/` and `<!--` becomes
 * `\u003c!--`, so no data can close the element or switch the parser into comment states;
 * `JSON.parse` of the element's text gives the value back unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/<\//g, '<\\/')
    .replace(/<!--/g, '\\u003c!--')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** An id-safe slug of any text (letters, digits and dashes). */
export function slug(value: string): string {
  return value.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'x';
}

/** Escapes text and renders Markdown-style `code spans` (as the specs write them) as `<code>`. */
export function escapeRich(value: string): string {
  return value.split(/`([^`\n]+)`/).map((part, i) => (i % 2 === 1 ? `<code>${escapeHtml(part)}</code>` : escapeHtml(part))).join('');
}
