// Test support: small PDFs built with pdf-lib. Latin text uses a standard font (Helvetica).
// pdf-lib's standard fonts cannot encode Chinese and no font file (nor fontkit) is available to
// embed one, so Chinese lines use a non-embedded CID font (Identity-H) whose ToUnicode map says
// which character each glyph id stands for: viewers may draw it with a substitute font, and text
// extraction — what the knowledge base needs — reads it exactly as it does in real CJK PDFs.
import { beginText, endText, moveText, PDFDocument, PDFHexString, PDFName, PDFString, setFontAndSize, showText, StandardFonts, type PDFPage } from 'pdf-lib';

export interface PdfLine {
  text: string;
  /** Font size in points (body text 11, headings larger). */
  size?: number;
}

const hasHan = (s: string) => /[^\u0000-\u00ff]/.test(s);

/**
 * `encrypted` adds a Standard security handler whose password is not empty, as a
 * password-protected PDF has (the content itself stays plain: only the import's refusal is tested).
 */
export async function buildPdf(pages: PdfLine[][], options: { title?: string; encrypted?: boolean } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  if (options.title) doc.setTitle(options.title);
  const helvetica = await doc.embedFont(StandardFonts.Helvetica);
  const chars = [...new Set(pages.flat().filter((l) => hasHan(l.text)).flatMap((l) => [...l.text]))];
  const cid = new Map(chars.map((c, i) => [c, i + 1]));
  let cjkRef = null;
  if (chars.length) {
    const hex4 = (n: number) => n.toString(16).padStart(4, '0').toUpperCase();
    const utf16 = (c: string) => [...Buffer.from(c, 'utf16le')].reduce((s, b, i, a) => (i % 2 ? s : s + hex4(a[i + 1] * 256 + b)), '');
    const blocks: string[] = [];
    for (let i = 0; i < chars.length; i += 100) {
      const part = chars.slice(i, i + 100);
      blocks.push(`${part.length} beginbfchar\n${part.map((c) => `<${hex4(cid.get(c)!)}> <${utf16(c)}>`).join('\n')}\nendbfchar`);
    }
    const cmap = [
      '/CIDInit /ProcSet findresource begin', '12 dict begin', 'begincmap',
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def', '/CMapName /Adobe-Identity-UCS def', '/CMapType 2 def',
      '1 begincodespacerange', '<0000> <FFFF>', 'endcodespacerange', ...blocks,
      'endcmap', 'CMapName currentdict /CMap defineresource pop', 'end', 'end',
    ].join('\n');
    const ctx = doc.context;
    const toUnicode = ctx.register(ctx.stream(cmap));
    const descriptor = ctx.register(ctx.obj({ Type: 'FontDescriptor', FontName: 'SimSun', Flags: 4, FontBBox: [0, -120, 1000, 880], ItalicAngle: 0, Ascent: 880, Descent: -120, CapHeight: 700, StemV: 80 }));
    const cidFont = ctx.register(ctx.obj({
      Type: 'Font', Subtype: 'CIDFontType2', BaseFont: 'SimSun', FontDescriptor: descriptor, DW: 1000, CIDToGIDMap: 'Identity',
      CIDSystemInfo: ctx.obj({ Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 }),
    }));
    cjkRef = ctx.register(ctx.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: 'SimSun', Encoding: 'Identity-H', DescendantFonts: [cidFont], ToUnicode: toUnicode }));
  }
  for (const lines of pages) {
    const page: PDFPage = doc.addPage([595, 842]);
    if (cjkRef) page.node.setFontDictionary(PDFName.of('FCJK'), cjkRef);
    let y = 790;
    for (const line of lines) {
      const size = line.size ?? 11;
      y -= size > 11 ? size * 1.6 : size * 1.4;
      if (hasHan(line.text)) {
        const hex = [...line.text].map((c) => cid.get(c)!.toString(16).padStart(4, '0')).join('');
        page.pushOperators(beginText(), setFontAndSize('FCJK', size), moveText(50, y), showText(PDFHexString.of(hex)), endText());
      } else {
        page.drawText(line.text, { x: 50, y, size, font: helvetica });
      }
    }
  }
  if (options.encrypted) {
    const ctx = doc.context;
    const key = PDFHexString.of('ab'.repeat(32));
    ctx.trailerInfo.Encrypt = ctx.register(ctx.obj({ Filter: 'Standard', V: 1, R: 2, O: key, U: key, P: -4 }));
    ctx.trailerInfo.ID = ctx.obj([PDFHexString.of('00112233445566778899aabbccddeeff'), PDFHexString.of('00112233445566778899aabbccddeeff')]);
  }
  return doc.save({ useObjectStreams: !options.encrypted });
}
