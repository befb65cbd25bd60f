import { describe, expect, it } from 'vitest';
import { documentProblem, sniffDocumentType } from './document-type';

describe('document types', () => {
  it('recognises PDF, PNG and JPEG by their first bytes only', () => {
    expect(sniffDocumentType(Buffer.from('%PDF-1.4\n'))).toBe('application/pdf');
    expect(sniffDocumentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(
      'image/png',
    );
    expect(sniffDocumentType(Buffer.from([0xff, 0xd8, 0xff, 0xdb]))).toBe('image/jpeg');
    expect(sniffDocumentType(Buffer.from('GIF89a'))).toBeUndefined();
    expect(sniffDocumentType(Buffer.from(' %PDF-'))).toBeUndefined();
    expect(sniffDocumentType(Buffer.alloc(0))).toBeUndefined();
  });

  it('wants the name and the declared type to agree with the content', () => {
    expect(documentProblem('application/pdf', 'LOA.PDF', 'application/pdf')).toBeUndefined();
    expect(documentProblem('image/jpeg', 'scan.jpeg', 'image/jpg')).toBeUndefined();
    expect(documentProblem('image/png', 'bill.png', 'application/octet-stream')).toBeUndefined();
    expect(documentProblem('image/png', 'bill.png', undefined)).toBeUndefined();
    expect(documentProblem(undefined, 'a.pdf', 'application/pdf')).toMatch(/PDF, PNG or JPEG/);
    expect(documentProblem('image/png', 'letter.pdf', 'application/pdf')).toMatch(/does not end in \.png/);
    expect(documentProblem('application/pdf', 'letter.pdf', 'image/png')).toMatch(/sent as image\/png/);
  });
});
