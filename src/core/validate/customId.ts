import { CUSTOM_ID_MAX_LENGTH } from '../contract/choices';
import { customIdBreach } from '../contract/customIdRule';
import { l10n } from '../l10n';
import { quote, rangeOf, replaceEdit, stringRange } from './jsonText';
import { apiRefuses } from './messages';
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
          message: l10n.t(
            'CustomID is empty: the API needs the identifier the person is enrolled under. {0}',
            apiRefuses(),
          ),
          ...rangeOf(node),
        });
        return;
      case 'blank':
        report({
          severity: 'error',
          code: 'customid-blank',
          message: l10n.t(
            'CustomID is only whitespace: the API needs a real identifier for the person. {0}',
            apiRefuses(),
          ),
          ...rangeOf(node),
        });
        return;
      case 'control-character':
        report({
          severity: 'error',
          code: 'customid-control-character',
          message: l10n.t(
            'CustomID holds the control character {0}: the contract allows none, and an ID holding one could not be typed again to verify or delete the person.',
            JSON.stringify(value[breach.index]),
          ),
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
          message: l10n.t(
            'CustomID holds {0}, outside printable ASCII: BioPass ID publishes no charset limit, and this tool takes 1 to {1} printable ASCII characters (U+0020 to U+007E), not only spaces, which every gateway and database keeps byte for byte and anyone can type again to verify or delete the person.',
            shown,
            CUSTOM_ID_MAX_LENGTH,
          ),
          ...stringRange(ctx.text, node, breach.index, breach.index + character.length),
        });
        return;
      }
      case 'too-long':
        report({
          severity: 'error',
          code: 'customid-too-long',
          message: l10n.t(
            'CustomID is {0} characters long, over the {1} this tool takes: BioPass ID publishes no length limit, {1} fits any ID document number, and a longer ID risks being cut or stored differently from how it is typed.',
            value.length,
            CUSTOM_ID_MAX_LENGTH,
          ),
          // The part past the limit.
          ...stringRange(ctx.text, node, CUSTOM_ID_MAX_LENGTH, value.length),
        });
        return;
      case undefined:
        if (value !== value.trim()) {
          report({
            severity: 'warning',
            code: 'customid-whitespace',
            message: l10n.t(
              'CustomID starts or ends with whitespace: the API keeps the ID exactly as sent, so {0} and {1} would be two different persons.',
              quote(value),
              quote(value.trim()),
            ),
            ...rangeOf(node),
            fix: { title: l10n.t('Trim the whitespace'), edits: [replaceEdit(node, JSON.stringify(value.trim()))] },
          });
        }
    }
  },
};
