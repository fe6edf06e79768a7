/**
 * The part of pdfmake 0.3 (Node build) the report uses. The package ships no types of its own and @types/pdfmake
 * describes the 0.2 API (callbacks), so the few calls used are declared here.
 */
declare module 'pdfmake' {
  type Content = unknown;
  interface OutputDocument {
    getBuffer(): Promise<Buffer>;
  }
  interface PdfMake {
    setFonts(fonts: Record<string, { normal: string; bold: string; italics: string; bolditalics: string }>): void;
    setUrlAccessPolicy(allow: (url: string) => boolean): void;
    setLocalAccessPolicy(allow: (path: string) => boolean): void;
    createPdf(definition: Record<string, Content>, options?: Record<string, unknown>): OutputDocument;
  }
  const pdfmake: PdfMake;
  export default pdfmake;
}
