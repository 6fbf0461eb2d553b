import * as assert from 'node:assert/strict';
import { readImageDimensions } from '../../../../src/core/images/dimensions';
import { drawSyntheticFingerprint } from '../../../../src/core/images/fingerprint';
import { detectImageKind } from '../../../../src/core/images/kind';
import {
  sampleFaceJpeg,
  sampleFacePng,
  sampleFingerprintPng,
  sampleFingerprintTiff,
} from '../../../../src/core/images/samples';

const generators = [
  { name: 'sampleFaceJpeg', make: sampleFaceJpeg, kind: 'jpeg', size: 160 },
  { name: 'sampleFacePng', make: sampleFacePng, kind: 'png', size: 160 },
  { name: 'sampleFingerprintTiff', make: sampleFingerprintTiff, kind: 'tiff', size: 128 },
  { name: 'sampleFingerprintPng', make: sampleFingerprintPng, kind: 'png', size: 128 },
] as const;

describe('sample images', () => {
  for (const { name, make, kind, size } of generators) {
    it(`${name} is a ${kind} of ${size} pixels square by default, or of the size asked`, () => {
      const file = make(0);
      assert.equal(detectImageKind(file), kind);
      assert.deepEqual(readImageDimensions(file), { width: size, height: size });
      assert.deepEqual(readImageDimensions(make(0, 72)), { width: 72, height: 72 });
    });

    it(`${name} gives the same bytes for a variant and different bytes for different variants`, () => {
      assert.ok(make(3).equals(make(3)));
      const hex = new Set([0, 1, 2, 3, 4, 5].map((variant) => make(variant).toString('hex')));
      assert.equal(hex.size, 6);
    });
  }
});

describe('drawSyntheticFingerprint', () => {
  it('draws opaque grey ridges: dark and light pixels, equal R, G and B', () => {
    const size = 64;
    const rgba = drawSyntheticFingerprint({ size, variant: 1 });
    assert.equal(rgba.length, size * size * 4);
    let darkest = 255;
    let lightest = 0;
    for (let i = 0; i < rgba.length; i += 4) {
      assert.equal(rgba[i], rgba[i + 1]);
      assert.equal(rgba[i], rgba[i + 2]);
      assert.equal(rgba[i + 3], 255);
      darkest = Math.min(darkest, rgba[i] as number);
      lightest = Math.max(lightest, rgba[i] as number);
    }
    assert.ok(darkest < 80 && lightest > 220, `contrast ${darkest}..${lightest}`);
  });

  it('changes the ridge pattern itself with the variant, not just its brightness', () => {
    const a = drawSyntheticFingerprint({ variant: 0 });
    const b = drawSyntheticFingerprint({ variant: 1 });
    let differing = 0;
    for (let i = 0; i < a.length; i += 4) if (Math.abs((a[i] as number) - (b[i] as number)) > 64) differing++;
    assert.ok(differing > (a.length / 4) * 0.2, `${differing} pixels differ markedly`);
  });
});
