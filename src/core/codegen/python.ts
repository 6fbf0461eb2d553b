import { API_KEY_VARIABLE, commentLines, headerLines, imageIntroLines, saveImageLine } from './comments';
import { quoteString } from './literals';
import type { ImageSource, RequestPlan } from './plan';
import { type LiteralSyntax, printLiteral } from './printer';
import type { RequestTarget } from './target';

function variableOf(image: ImageSource): string {
  return `${image.words.join('_')}_b64`;
}

const PYTHON_LITERAL: LiteralSyntax = {
  indentUnit: '    ',
  string: quoteString,
  key: quoteString,
  true: 'True',
  false: 'False',
  null: 'None',
  image: variableOf,
  trailingComma: true,
};

/** http.client's constructor arguments: host alone on the default port, as the vendor's guide writes it. */
function connectionArguments(target: RequestTarget): string {
  // An IPv6 host keeps its brackets and port in one string: http.client strips the brackets only
  // when it parses the port itself.
  if (target.host.startsWith('[')) return quoteString(target.host);
  return target.port === undefined ? quoteString(target.hostname) : `${quoteString(target.hostname)}, ${target.port}`;
}

/** Python 3 with only the standard library, in the style of the vendor's getting-started guide. */
export function pythonCode(target: RequestTarget, plan: RequestPlan): string {
  const lines = commentLines('#', headerLines(target));
  lines.push(
    '',
    ...(plan.images.length > 0 ? ['import base64'] : []),
    'import http.client',
    'import json',
    'import os',
    '',
    `API_KEY = os.environ[${quoteString(API_KEY_VARIABLE)}]`,
  );
  if (plan.images.length > 0) {
    lines.push(
      '',
      '',
      'def read_base64(path):',
      '    with open(path, "rb") as image:',
      '        return base64.b64encode(image.read()).decode("ascii")',
      '',
      '',
      ...commentLines('#', imageIntroLines(plan.images)),
    );
    for (const image of plan.images) {
      const save = saveImageLine(image);
      if (save !== undefined) lines.push(`# ${save}`);
      lines.push(`${variableOf(image)} = read_base64(${quoteString(image.path)})`);
    }
  }
  const connection = target.secure ? 'HTTPSConnection' : 'HTTPConnection';
  lines.push(
    '',
    `conn = http.client.${connection}(${connectionArguments(target)})`,
    `payload = json.dumps(${printLiteral(plan.body, PYTHON_LITERAL)})`,
    'headers = {',
    '    "Content-Type": "application/json",',
    '    "Ocp-Apim-Subscription-Key": API_KEY,',
    '}',
    `conn.request(${quoteString(target.operation.method)}, ${quoteString(target.path)}, payload, headers)`,
    'res = conn.getresponse()',
    'data = res.read()',
    'print(res.status, res.reason)',
    'print(data.decode("utf-8"))',
    'conn.close()',
  );
  return `${lines.join('\n')}\n`;
}
