import { grown, TextColumn } from './columns';
import type { ImageSlot } from './slots';

export interface PlannedImageFile {
  file: string;
  slot: ImageSlot;
}

export interface PlannedPerson {
  customId: string;
  images: PlannedImageFile[];
}

const NONE = -1;

/**
 * Who is in a run and which images each has, kept in columns (columns.ts) until the run ends:
 * 100,000 persons as objects, each with an images array, an image object and two strings, were
 * 27 MB of live heap, the largest part of a run's peak of memory. Each person read back is a new
 * object built from the columns. A person's images stay in the order they were added.
 */
export class PlannedPersons implements Iterable<PlannedPerson> {
  private readonly customIds = new TextColumn();
  private firstImage = new Int32Array(1024);
  private lastImage = new Int32Array(1024);
  private readonly files = new TextColumn();
  private slots = new Uint8Array(1024);
  private nextImage = new Int32Array(1024);
  private readonly slotNames: ImageSlot[] = [];
  private readonly slotIndex = new Map<ImageSlot, number>();

  get length(): number {
    return this.customIds.length;
  }

  /** Every image of every person. */
  get imageCount(): number {
    return this.files.length;
  }

  /** Adds a person with no image yet; returns its index. */
  add(customId: string): number {
    const person = this.customIds.push(customId);
    this.firstImage = grown(this.firstImage, person + 1);
    this.lastImage = grown(this.lastImage, person + 1);
    this.firstImage[person] = NONE;
    this.lastImage[person] = NONE;
    return person;
  }

  /** Adds an image to a person; returns the image's index (images are numbered across persons in the order added). */
  addImage(person: number, file: string, slot: ImageSlot): number {
    let slotAt = this.slotIndex.get(slot);
    if (slotAt === undefined) {
      slotAt = this.slotNames.push(slot) - 1;
      if (slotAt > 255) throw new RangeError('More than 256 distinct image slots');
      this.slotIndex.set(slot, slotAt);
    }
    const image = this.files.push(file);
    this.slots = grown(this.slots, image + 1);
    this.nextImage = grown(this.nextImage, image + 1);
    this.slots[image] = slotAt;
    this.nextImage[image] = NONE;
    const last = this.lastImage[person] as number;
    if (last === NONE) this.firstImage[person] = image;
    else this.nextImage[last] = image;
    this.lastImage[person] = image;
    return image;
  }

  customIdAt(person: number): string {
    return this.customIds.at(person);
  }

  fileAt(image: number): string {
    return this.files.at(image);
  }

  /** The index of the person's image in `slot`, or -1. */
  imageInSlot(person: number, slot: ImageSlot): number {
    const wanted = this.slotIndex.get(slot);
    if (wanted === undefined) return NONE;
    for (let image = this.firstImage[person] as number; image !== NONE; image = this.nextImage[image] as number) {
      if (this.slots[image] === wanted) return image;
    }
    return NONE;
  }

  imagesOf(person: number): PlannedImageFile[] {
    const images: PlannedImageFile[] = [];
    for (let image = this.firstImage[person] as number; image !== NONE; image = this.nextImage[image] as number) {
      images.push({ file: this.files.at(image), slot: this.slotNames[this.slots[image] as number] as ImageSlot });
    }
    return images;
  }

  at(person: number): PlannedPerson {
    return { customId: this.customIds.at(person), images: this.imagesOf(person) };
  }

  *[Symbol.iterator](): Iterator<PlannedPerson> {
    for (let person = 0; person < this.length; person++) yield this.at(person);
  }
}
