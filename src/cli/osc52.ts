/** Most terminals cap OSC 52 payloads (xterm: 100 000 bytes); longer text is not sent. */
const MAX_BYTES = 74_000;

/**
 * Puts text on the clipboard of the terminal the user sits at, even over SSH, with the OSC 52
 * escape sequence. Invisible where unsupported, so the caller also prints the text to be selected.
 */
export function copyWithOsc52(stream: NodeJS.WriteStream, text: string): boolean {
  if (!stream.isTTY) return false;
  const payload = Buffer.from(text, 'utf8').toString('base64');
  if (payload.length > MAX_BYTES) return false;
  stream.write(`\u001B]52;c;${payload}\u0007`);
  return true;
}
