import { CUSTOM_ID_MAX_LENGTH, CUSTOM_ID_RULES } from '../contract/choices';
import { customIdBreach } from '../contract/customIdRule';
import { quote, rangeOf, replaceEdit, stringRange } from './jsonText';
import { API_REFUSES } from './messages';
import type { NodeRule } from './rules';
import type { RequestDiagnostic } from './types';

const VISIBLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/**
 * `Person/CustomID`: the first rule of src/core/contract/customIdRule.ts it breaks, on the
 * characters at fault; or, when it keeps them all, a warning for whitespace at either end.
 */
export const customId: NodeRule = {
  check(node, path, ctx) {
    const value = typeof node.value === 'string' ? node.value : '';
    const report = (diagnostic: RequestDiagnostic) => ctx.report(diagnostic, path);
    const breach = customIdBreach(value);
    switch (breach?.rule) {
      case 'empty':
        report({
          severity: 'error',
          code: 'customid-empty',
          message: `CustomID is empty: the API needs the identifier the person is enrolled under. ${API_REFUSES}`,
          ...rangeOf(node),
        });
        return;
      case 'blank':
        report({
          severity: 'error',
          code: 'customid-blank',
          message: `CustomID is only whitespace: the API needs a real identifier for the person. ${API_REFUSES}`,
          ...rangeOf(node),
        });
        return;
      case 'control-character':
        report({
          severity: 'error',
          code: 'customid-control-character',
          message: `CustomID holds the control character ${JSON.stringify(value[breach.index])}: the contract allows none, and an ID holding one could not be typed again to verify or delete the person.`,
          ...rangeOf(node),
        });
        return;
      case 'non-ascii': {
        const codePoint = value.codePointAt(breach.index) as number;
        const character = String.fromCodePoint(codePoint);
        const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
        // An invisible one (a no-break or zero-width space) is named by its code point alone.
        const shown = VISIBLE.test(character) ? `${JSON.stringify(character)} (${hex})` : hex;
        report({
          severity: 'error',
          code: 'customid-non-ascii',
          message: `CustomID holds ${shown}, outside printable ASCII: BioPass ID publishes no charset limit, and this tool takes ${CUSTOM_ID_RULES}, which every gateway and database keeps byte for byte and anyone can type again to verify or delete the person.`,
          ...stringRange(ctx.text, node, breach.index, breach.index + character.length),
        });
        return;
      }
      case 'too-long':
        report({
          severity: 'error',
          code: 'customid-too-long',
          message: `CustomID is ${value.length} characters long, over the ${CUSTOM_ID_MAX_LENGTH} this tool takes: BioPass ID publishes no length limit, ${CUSTOM_ID_MAX_LENGTH} fits any ID document number, and a longer ID risks being cut or stored differently from how it is typed.`,
          // The part past the limit.
          ...stringRange(ctx.text, node, CUSTOM_ID_MAX_LENGTH, value.length),
        });
        return;
      case undefined:
        if (value !== value.trim()) {
          report({
            severity: 'warning',
            code: 'customid-whitespace',
            message: `CustomID starts or ends with whitespace: the API keeps the ID exactly as sent, so ${quote(value)} and ${quote(value.trim())} would be two different persons.`,
            ...rangeOf(node),
            fix: { title: 'Trim the whitespace', edits: [replaceEdit(node, JSON.stringify(value.trim()))] },
          });
        }
    }
  },
};
