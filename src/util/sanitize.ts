/**
 * Text from an input (a file name, a key, a quote from the prose, a line of a diff) is shown to
 * people and CI runners only through `sanitize`. A pull request controls that text, and a
 * terminal or a CI runner acts on some of it:
 *
 * - control characters (C0, DEL, C1): `ESC]0;…BEL` sets a window title, `ESC[8m` hides the rest
 *   of the output, a line break starts a new line that may look like report-lint's own;
 * - bidi controls (U+202A–U+202E, U+2066–U+2069, …) reorder what is shown ("Trojan Source");
 * - GitHub Actions reads a workflow command from `::` at the start of a line (after any leading
 *   white space, U+3000 included: the runner trims it first) and `##[` anywhere in a line, on
 *   stdout and stderr alike.
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
  // After the controls are escaped only plain white space (space, U+3000, NBSP…) can lead.
  out = out.replace(LEADING_COMMAND, '$1\\u003a');
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
 * A JSON document as JSON.stringify wrote it (`json`, `sarif`, `--print-config` on stdout), for
 * machines: the data must stay exact, yet the text must not act on a terminal or runner either.
 * JSON.stringify already escapes C0 controls (so no string holds a line break and no line can
 * start with `::`), but leaves DEL, C1, U+2028/2029, bidi controls and `##[` as they are. These
 * are written with JSON's own `\uXXXX` escapes, which every JSON parser reads back as the same
 * characters. They occur only inside strings (JSON's syntax has none of them), and `#` is never
 * escaped by JSON.stringify, so no escape sequence is split.
 */
export function sanitizeJson(json: string): string {
  if (!JSON_UNSAFE.test(json)) return json;
  return json.replace(JSON_RAW, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).replace(/##\[/g, '#\\u0023[');
}

/**
 * C0 controls except none (tab too: it shifts aligned columns and is invisible), DEL, C1
 * controls, the line and paragraph separators, and every bidi formatting character.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** `::` after leading white space (JavaScript's `\s` covers .NET's TrimStart set once controls are escaped). */
const LEADING_COMMAND = /^(\s*):(?=:)/;
/** Anything `sanitize` would change: controls, `##[`, and `::` at the start. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|##\[|^\s*::/;
/** What JSON.stringify leaves raw that `sanitize` would escape. */
const JSON_RAW = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|##\[/;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(ch: string): string {
  return NAMED[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * The one way report-lint writes a message to stderr: `report-lint: ` and the message, through
 * `sanitize`, so that a file name or key inside it can neither break the line (a forged
 * `::error` of its own) nor reach the terminal or the runner as a control sequence.
 */
export function errorLine(message: string): string {
  return `report-lint: ${sanitize(message)}\n`;
}
