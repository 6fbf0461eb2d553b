import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  computeMetrics,
  equalErrorRate,
  fmrAt,
  fnmrAt,
  histogram,
  type OperatingPoint,
  operatingPoints,
  rateAtFmr,
  sortScores,
} from '../../../../src/core/eval/metrics';
import { normal, seededRandom } from '../../../../src/core/seeded';

function points(genuine: number[], impostor: number[]): OperatingPoint[] {
  const list: OperatingPoint[] = [];
  operatingPoints(sortScores(genuine, impostor), (threshold, fmr, fnmr) => {
    list.push({ threshold, fmr, fnmr });
    return true;
  });
  return list;
}

/** Φ, the standard normal CDF (Abramowitz and Stegun 7.1.26 erf, error < 1.5e-7). */
function phi(x: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

describe('evaluation metrics', () => {
  it('give the hand-computed FMR, FNMR and EER of a small case', () => {
    const scores = sortScores([3, 4, 5], [1, 2, 3]);
    assert.deepEqual(
      points([3, 4, 5], [1, 2, 3]).map(({ threshold, fmr, fnmr }) => [threshold, fmr, fnmr]),
      [
        [1, 1, 0],
        [2, 2 / 3, 0],
        [3, 1 / 3, 0],
        [4, 0, 1 / 3],
        [5, 0, 2 / 3],
        [5.000000000000001, 0, 1],
      ],
    );
    assert.equal(fmrAt(scores, 3), 1 / 3, 'an impostor scoring exactly the threshold is accepted');
    assert.equal(fnmrAt(scores, 4), 1 / 3, 'a genuine score below the threshold is rejected');
    // FMR - FNMR goes from 1/3 (t = 3) to -1/3 (t = 4): the curves cross half way.
    assert.deepEqual(equalErrorRate(scores), { eer: 1 / 6, threshold: 3.5 });
  });

  it('give FNMR at a target FMR with its threshold, and refuse one that too few impostors support', () => {
    const impostor = Array.from({ length: 3000 }, (_, i) => i);
    const scores = sortScores([2969.5, 3000, 5000], impostor);
    // 30 impostors (1e-2 of 3000) may score at or above the threshold: 2970..2999. The lowest such
    // threshold is the first score above 2969, the genuine 2969.5, which is then accepted.
    assert.deepEqual(rateAtFmr(scores, 1e-2), {
      targetFmr: 1e-2,
      supported: true,
      impostorsNeeded: 3000,
      threshold: 2969.5,
      fnmr: 0,
      fmr: 0.01,
    });
    const unsupported = rateAtFmr(scores, 1e-3);
    assert.equal(unsupported.supported, false);
    assert.equal(unsupported.impostorsNeeded, 30000);
    assert.equal(unsupported.fnmr, null);
    assert.equal(unsupported.threshold, null);
  });

  it('count genuine and impostor scores into shared bins', () => {
    const bins = histogram(sortScores([10, 10, 20], [0, 5]), 4);
    assert.deepEqual(bins.edges, [0, 5, 10, 15, 20]);
    assert.deepEqual(bins.genuine, [0, 0, 2, 1]);
    assert.deepEqual(bins.impostor, [1, 1, 0, 0]);
  });

  const scoreLists = fc.array(fc.double({ min: -100, max: 100, noNaN: true, noDefaultInfinity: true }), {
    minLength: 1,
    maxLength: 60,
  });

  it('never let FMR rise or FNMR fall as the threshold rises (property)', () => {
    fc.assert(
      fc.property(scoreLists, scoreLists, (genuine, impostor) => {
        const list = points(genuine, impostor);
        for (let k = 1; k < list.length; k++) {
          const [before, after] = [list[k - 1] as OperatingPoint, list[k] as OperatingPoint];
          assert.ok(after.threshold > before.threshold);
          assert.ok(after.fmr <= before.fmr);
          assert.ok(after.fnmr >= before.fnmr);
        }
      }),
    );
  });

  it('put the EER where the two curves cross (property)', () => {
    fc.assert(
      fc.property(scoreLists, scoreLists, (genuine, impostor) => {
        const list = points(genuine, impostor);
        const eer = equalErrorRate(sortScores(genuine, impostor));
        assert.ok(eer);
        const k = list.findIndex((point) => point.fnmr >= point.fmr);
        const around = [list[k - 1], list[k]].filter((point) => point !== undefined) as OperatingPoint[];
        const rates = around.flatMap((point) => [point.fmr, point.fnmr]);
        assert.ok(eer.eer >= Math.min(...rates) - 1e-12 && eer.eer <= Math.max(...rates) + 1e-12);
        const thresholds = around.map((point) => point.threshold);
        assert.ok(eer.threshold >= Math.min(...thresholds) && eer.threshold <= Math.max(...thresholds));
      }),
    );
  });

  it('choose the lowest threshold that keeps FMR at or under the target (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 300, maxLength: 400 }),
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 20 }),
        (impostor, genuine) => {
          const scores = sortScores(genuine, impostor);
          const rate = rateAtFmr(scores, 0.1);
          assert.ok(rate.supported && rate.threshold !== null);
          assert.ok(fmrAt(scores, rate.threshold) <= 0.1);
          const lower = [...genuine, ...impostor].filter((score) => score < (rate.threshold as number));
          for (const score of lower) assert.ok(fmrAt(scores, score) > 0.1, `${score} would also do`);
        },
      ),
    );
  });

  it('find the analytic EER of two normal distributions within 0.01', () => {
    const random = seededRandom('normal-eer');
    // Genuine N(2, 1), impostor N(0, 1): the curves cross half way, EER = Φ(-1) ≈ 0.1587.
    const genuine = Array.from({ length: 20000 }, () => 2 + normal(random));
    const impostor = Array.from({ length: 20000 }, () => normal(random));
    const metrics = computeMetrics(sortScores(genuine, impostor));
    assert.ok(Math.abs((metrics.eer as number) - phi(-1)) < 0.01, `EER ${metrics.eer} vs ${phi(-1)}`);
    assert.ok(Math.abs((metrics.eerThreshold as number) - 1) < 0.05);
    assert.ok(metrics.det.length <= 401 && metrics.det.length > 100);
  });
});
