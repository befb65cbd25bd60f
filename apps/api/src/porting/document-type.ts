/** The document types a porting request accepts, recognised by their first bytes. */
export type DocumentType = 'application/pdf' | 'image/png' | 'image/jpeg';

interface Signature {
  type: DocumentType;
  magic: readonly number[];
  extensions: readonly string[];
}

const SIGNATURES: readonly Signature[] = [
  { type: 'application/pdf', magic: [...Buffer.from('%PDF-')], extensions: ['.pdf'] },
  { type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], extensions: ['.png'] },
  { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff], extensions: ['.jpg', '.jpeg'] },
];

// Names some clients still send for the same types.
const DECLARED_ALIASES: Record<string, DocumentType> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'application/x-pdf': 'application/pdf',
};

/** Bytes of the start of a file enough to recognise every accepted type. */
export const SNIFFED_BYTES = 8;

export const ACCEPTED_TYPES_TEXT = 'a PDF, PNG or JPEG file';

/** The type the content is, by its magic number; undefined for anything else. */
export function sniffDocumentType(head: Uint8Array): DocumentType | undefined {
  return SIGNATURES.find(({ magic }) => magic.every((byte, index) => head[index] === byte))?.type;
}

/**
 * Why a file whose content is `actual` cannot be taken under this name and declared type, or undefined
 * when it can. A name or a declared type that says otherwise than the content is refused, so a file is
 * never served under a type it is not (a PNG called letter.pdf, an executable called scan.jpg).
 */
export function documentProblem(
  actual: DocumentType | undefined,
  fileName: string,
  declaredType: string | undefined,
): string | undefined {
  if (actual === undefined) return `must be ${ACCEPTED_TYPES_TEXT}: the content is none of them`;
  const signature = SIGNATURES.find((candidate) => candidate.type === actual)!;
  const extension = /\.[^.]+$/.exec(fileName.toLowerCase())?.[0];
  if (extension === undefined || !signature.extensions.includes(extension))
    return `the content is ${actual} but the name "${fileName}" does not end in ${signature.extensions.join(' or ')}`;
  const declared = declaredType?.split(';')[0]!.trim().toLowerCase();
  if (
    declared &&
    declared !== 'application/octet-stream' &&
    (DECLARED_ALIASES[declared] ?? declared) !== actual
  )
    return `the content is ${actual} but it was sent as ${declared}`;
  return undefined;
}
