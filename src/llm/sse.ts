// Server-sent events as OpenAI-compatible servers stream them: `data: {...}` lines, blank-line
// separated, ending with `data: [DONE]`. Parsed by hand: the format is a few lines and the
// fetch body is already a byte stream.

/** Yields each event's data payload (multi-line data joined by "\n"); stops at `[DONE]`. */
export async function* sseData(body: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  const flushEvent = function* () {
    if (data.length > 0) yield data.join('\n');
    data = [];
  };
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl).replace(/\r$/, '');
      buffer = buffer.slice(nl + 1);
      if (line === '') {
        for (const payload of flushEvent()) {
          if (payload.trim() === '[DONE]') return;
          yield payload;
        }
      } else if (line.startsWith('data:')) {
        data.push(line.slice(5).replace(/^ /, ''));
      } // comments (":") and other fields (event:, id:, retry:) carry nothing we need
    }
  }
  buffer += decoder.decode();
  if (buffer.startsWith('data:')) data.push(buffer.slice(5).replace(/^ /, ''));
  for (const payload of flushEvent()) if (payload.trim() !== '[DONE]') yield payload;
}
