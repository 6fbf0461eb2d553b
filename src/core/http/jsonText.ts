/**
 * A request body already written as JSON text, which the client sends as it is instead of
 * serialising an object: a caller sending many bodies made of the same parts (an evaluation's
 * match calls, two templates each) writes each part once.
 */
export class JsonText {
  constructor(readonly text: string) {}
}
