import type { OperationId } from '../contract/operations';

/** The images of one person: a face and/or fingers by key (`Finger-1`..`Finger-10`). */
export interface Biometrics {
  face?: string;
  fingers?: Readonly<Record<string, string>>;
}

/** The request body of a Person operation, in the contract's envelope. */
export function personRequest(customId: string, biometrics: Biometrics = {}): Record<string, unknown> {
  const person: Record<string, unknown> = { CustomID: customId };
  if (biometrics.face !== undefined) person.Face = [{ 'Face-1': biometrics.face }];
  if (biometrics.fingers !== undefined && Object.keys(biometrics.fingers).length > 0) {
    person.Fingers = [{ ...biometrics.fingers }];
  }
  return { Person: person };
}

export type SingleImageOperation = Extract<
  OperationId,
  'face_detect' | 'liveness' | 'anonymizer' | 'check_icao' | 'icao_crop' | 'check_nfiq' | 'decode'
>;

/** The request body of an operation that takes one image (base64, no prefix). */
export function singleImageRequest(operation: SingleImageOperation, image: string): Record<string, unknown> {
  switch (operation) {
    case 'liveness':
      return { Spoof: { Image: image } };
    case 'decode':
      return { Decode: { Wsq: image } };
    default:
      return { Check: { Image: image } };
  }
}
