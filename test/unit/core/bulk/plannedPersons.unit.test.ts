import * as assert from 'node:assert/strict';
import { PlannedPersons } from '../../../../src/core/bulk/plannedPersons';
import { FACE_SLOT } from '../../../../src/core/bulk/slots';
import { WorkList } from '../../../../src/core/bulk/workList';

/** Persons whose images are added interleaved (as a CSV may list them), with names of every width. */
function planned(count: number): {
  persons: PlannedPersons;
  expected: { customId: string; images: { file: string; slot: string }[] }[];
} {
  const persons = new PlannedPersons();
  const expected = Array.from({ length: count }, (_, index) => ({
    customId: index % 7 === 0 ? `pessoa-ção-${index}-😀` : `person-${index}`,
    images: [] as { file: string; slot: string }[],
  }));
  for (const person of expected) persons.add(person.customId);
  // Faces first for everyone, then a finger for every third person: a person's images are not adjacent.
  for (const [row, person] of expected.entries()) {
    if (row % 11 === 0) continue;
    const image = { file: `${person.customId}/face.jpg`, slot: FACE_SLOT };
    persons.addImage(row, image.file, image.slot);
    person.images.push(image);
  }
  for (const [row, person] of expected.entries()) {
    if (row % 3 !== 0) continue;
    const image = { file: `${person.customId}/finger-${(row % 10) + 1}.tif`, slot: `Finger-${(row % 10) + 1}` };
    persons.addImage(row, image.file, image.slot);
    person.images.push(image);
  }
  return { persons, expected };
}

describe('bulk: the planned persons, kept in columns, read back as they were planned', () => {
  it('gives back every person with its images in the order added, past every initial capacity', () => {
    const { persons, expected } = planned(5000);
    assert.equal(persons.length, 5000);
    assert.equal(
      persons.imageCount,
      expected.reduce((sum, person) => sum + person.images.length, 0),
    );
    assert.deepEqual([...persons], expected, 'a person without images stays without images');
    assert.deepEqual(persons.at(4998), expected[4998]);
  });

  it("finds a person's image in a slot, and none where it has none", () => {
    const { persons } = planned(40);
    const finger = persons.imageInSlot(3, 'Finger-4');
    assert.equal(persons.fileAt(finger), 'person-3/finger-4.tif');
    assert.equal(persons.fileAt(persons.imageInSlot(3, FACE_SLOT)), 'person-3/face.jpg');
    assert.equal(persons.imageInSlot(4, 'Finger-5'), -1, 'no finger for person 4');
    assert.equal(persons.imageInSlot(11, FACE_SLOT), -1, 'person 11 has no face');
    assert.equal(persons.imageInSlot(3, 'Finger-9'), -1, 'a slot no one has');
  });

  it('builds each work item with its person, operation, action and the progress its journal holds', () => {
    const { persons, expected } = planned(3000);
    const main = new Map([
      [expected[2]?.customId as string, { state: 'confirmed' as const, op: 'enroll' as const, bioPassId: 'bp-2' }],
    ]);
    const rollback = new Map([[expected[5]?.customId as string, { state: 'sent' as const, op: 'delete' as const }]]);
    const work = new WorkList(persons, { planned: new Map(), main, rollback });
    for (let row = persons.length - 1; row >= 0; row--) {
      work.push(
        row,
        row % 2 === 0 ? 'enroll' : 'update',
        row === 2 ? 'skip' : row === 5 ? 'reconcile' : 'send',
        row === 2 ? 'main' : row === 5 ? 'rollback' : undefined,
      );
    }
    assert.equal(work.length, 3000);
    const items = [...work];
    assert.deepEqual(items[0], { person: expected[2999], op: 'update', action: 'send' }, 'no progress: none given');
    assert.deepEqual(items[2997], {
      person: expected[2],
      op: 'enroll',
      action: 'skip',
      progress: main.get(expected[2]?.customId as string),
    });
    assert.deepEqual(items[2994], {
      person: expected[5],
      op: 'update',
      action: 'reconcile',
      progress: rollback.get(expected[5]?.customId as string),
    });
    assert.equal(work.actionAt(2997), 'skip');
  });
});
