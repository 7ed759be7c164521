/**
 * Text from an input (a file name, a key, a quote from the prose, a line of a diff) is shown to
 * people and CI runners only through `sanitize`. A pull request controls that text, and a
 * terminal or a CI runner acts on some of it:
 *
 * - control characters (C0, DEL, C1): `ESC]0;…BEL` sets a window title, `ESC[8m` hides the rest
 *   of the output, a line break starts a new line that may look like report-lint's own;
 * - bidi controls (U+202A–U+202E, U+2066–U+2069, …) reorder what is shown ("Trojan Source");
 * - GitHub Actions reads a workflow command from `::` at the start of a line and `##[` anywhere
 *   in a line, on stdout and stderr alike.
 *
 * Each such character is shown as an escape (`\n`, `\u001b`, `\u202e`), and `::` at the start of
 * the text and every `##[` get one character escaped (`\u003a:`, `#\u0023[`), so the text still
 * says what it was and can no longer act. The result is one line. Applying it twice changes
 * nothing more (escapes are plain text).
 */
export function sanitize(text: string): string {
  if (!UNSAFE.test(text)) return text;
  let out = text.replace(CONTROL, escapeChar);
  out = out.replace(/##\[/g, '#\\u0023[');
  if (out.startsWith('::')) out = '\\u003a' + out.slice(1);
  return out;
}

/**
 * Several lines of input text (a diff, a quoted block): each line sanitized on its own, joined by
 * real line breaks. A line that would start with `::` is neutralised like a single text.
 */
export function sanitizeLines(text: string): string {
  if (!UNSAFE.test(text)) return text;
  return text
    .split('\n')
    .map((line) => sanitize(line.endsWith('\r') ? line.slice(0, -1) : line))
    .join('\n');
}

/**
 * C0 controls except none (tab too: it shifts aligned columns and is invisible), DEL, C1
 * controls, the line and paragraph separators, and every bidi formatting character.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** Anything `sanitize` would change: controls, `##[`, and `::` at the start. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|##\[|^::/;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(ch: string): string {
  return NAMED[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
