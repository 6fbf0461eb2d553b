import * as assert from 'node:assert/strict';
import {
  fillBody,
  fillString,
  referencesIn,
  type VariableScope,
  variableCycles,
} from '../../../../src/core/scenario/variables';

const scope = (more: Partial<VariableScope> = {}): VariableScope => ({
  runId: 'r1',
  env: { TEAM: 'qa', BIOPASSID_API_KEY: 'the-real-key-0000' },
  variables: { customId: 'alice-{{run.id}}', label: '{{customId}} of {{env.TEAM}}' },
  answers: new Map([['enroll', { Person: { BioPassID: 'bp-9', Score: 7 } }]]),
  secrets: ['the-real-key-0000'],
  ...more,
});

describe('scenario variables', () => {
  it('finds each {{reference}} with its offset and length', () => {
    assert.deepEqual(referencesIn('a {{ run.id }} b {{x.y}}'), [
      { name: 'run.id', offset: 2, length: 12 },
      { name: 'x.y', offset: 17, length: 7 },
    ]);
    assert.deepEqual(referencesIn('no braces'), []);
  });

  it('fills run.id, env, rows, variables of variables and earlier answers', () => {
    assert.equal(fillString('{{label}}', scope()), 'alice-r1 of qa');
    assert.equal(fillString('id={{enroll.Person.BioPassID}}', scope()), 'id=bp-9');
    // A string that is exactly one reference keeps the value's type.
    assert.equal(fillString('{{enroll.Person.Score}}', scope()), 7);
    assert.equal(fillString('{{row.name}}', scope({ row: { name: 'bob' } })), 'bob');
    assert.deepEqual(fillBody({ Person: { CustomID: '{{customId}}', Face: [{ 'Face-1': 'AAAA' }] } }, scope()), {
      Person: { CustomID: 'alice-r1', Face: [{ 'Face-1': 'AAAA' }] },
    });
  });

  it('refuses the key, undefined names, missing answers and cycles, saying which', () => {
    assert.throws(() => fillString('{{env.BIOPASSID_API_KEY}}', scope()), /subscription key cannot be used/);
    assert.throws(
      () => fillString('{{env.OTHER}}', scope({ env: { OTHER: 'x-the-real-key-0000' } })),
      /would put the subscription key/,
    );
    assert.throws(() => fillString('{{nope}}', scope()), /\{\{nope\}\} is not defined/);
    assert.throws(() => fillString('{{verify.Person.Match}}', scope()), /no step named "verify" has answered/);
    assert.throws(() => fillString('{{enroll.Person.Nothing}}', scope()), /has no Person.Nothing/);
    assert.throws(() => fillString('{{row.name}}', scope()), /no data rows/);
    assert.throws(() => fillString('{{a}}', scope({ variables: { a: '{{b}}', b: '{{a}}' } })), /cycle: a -> b -> a/);
  });

  it('reports every cycle among variables once', () => {
    assert.deepEqual(variableCycles({ a: '{{b}}', b: '{{c}}-{{a}}', c: 'x', d: '{{d}}', e: '{{run.id}}' }), [
      ['a', 'b', 'a'],
      ['d', 'd'],
    ]);
    assert.deepEqual(variableCycles({ a: '{{b}}', b: 'plain' }), []);
  });
});
