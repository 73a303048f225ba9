// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the messages name the placeholder forms users write
// Secrets written as placeholders that were never filled in (`'${gw_token}'` is lowercase, so not substituted;
// `$GW_TOKEN` is shell syntax; `{{token}}`, `<token>` are template and documentation forms) would otherwise be
// accepted as literal credentials that anyone reading the docs can guess. Messages never quote the value.

const FORMS: Array<[RegExp, string]> = [
  [/\$\{[^}]*\}/, '"${...}" (only ${UPPER_CASE_NAME} is substituted from the environment)'],
  [/^\$[A-Za-z_][A-Za-z0-9_]*$/, '"$NAME" (write "${NAME}" to read the environment variable)'],
  [/\{\{[^}]*\}\}/, '"{{...}}"'],
  [/^<[^>]*>$/, '"<...>"'],
];

/** Why `value` cannot be a secret such as a bearer token, or undefined when it can. */
export function placeholderProblem(value: string): string | undefined {
  if (value.trim() === '') return 'is blank';
  for (const [pattern, form] of FORMS) {
    if (pattern.test(value)) return `looks like an unfilled placeholder ${form}`;
  }
  // `Authorization: Bearer <token>` carries one whitespace-free word: such a token could never be presented.
  if (/\s/.test(value)) return 'contains whitespace, which no bearer token can';
  return undefined;
}
