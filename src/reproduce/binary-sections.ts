// Adapter over the inspect readers: the file byte ranges of every section of an executable, the
// same shape for ELF, PE and Mach-O, so two binaries can be compared section by section.
import { memorySource } from "../inspect/byte-source.js";
import type { ElfImage } from "../inspect/elf.js";
import type { ParsedImage } from "../inspect/image.js";
import type { MachoImage } from "../inspect/macho.js";
import type { PeImage } from "../inspect/pe.js";
import { parseImages } from "../inspect/read-binary.js";

export interface SectionRange {
  /** `.text` (ELF, PE) or `__TEXT,__text` (Mach-O); a repeated name gets `#2`, `#3`… */
  readonly name: string;
  /** Absolute offset in the file. */
  readonly offset: number;
  readonly size: number;
}

const SHT_NOBITS = 8;

function rangesOf(image: ParsedImage): SectionRange[] {
  const ranges: SectionRange[] = [];
  switch (image.format) {
    case "elf":
      for (const s of (image as ElfImage).sections) {
        if (s.type !== SHT_NOBITS && s.type !== 0 && s.size > 0)
          ranges.push({ name: s.name, offset: s.offset, size: s.size });
      }
      break;
    case "pe":
      for (const s of (image as PeImage).sections) {
        if (s.sizeOfRawData > 0)
          ranges.push({ name: s.name, offset: s.pointerToRawData, size: s.sizeOfRawData });
      }
      break;
    case "macho": {
      const macho = image as MachoImage;
      // Zero-fill sections (__bss) have no bytes in the file and an offset of 0.
      for (const s of macho.sections) {
        if (s.offset > 0 && s.size > 0) {
          ranges.push({ name: `${s.segment},${s.name}`, offset: macho.fileOffset + s.offset, size: s.size });
        }
      }
      break;
    }
  }
  const seen = new Map<string, number>();
  return ranges.map((r) => {
    const count = (seen.get(r.name) ?? 0) + 1;
    seen.set(r.name, count);
    return count === 1 ? r : { ...r, name: `${r.name}#${count}` };
  });
}

/** The sections of every image in the file (one image except for universal Mach-O files). */
export async function readSectionRanges(
  bytes: Uint8Array,
): Promise<{ format: string; images: SectionRange[][] }> {
  const { container, images } = await parseImages(memorySource(bytes));
  return { format: container, images: images.map(rangesOf) };
}
