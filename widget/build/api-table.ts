/**
 * The README's table of elements (attributes, properties, events, parts, tokens), generated from
 * custom-elements.json: `npx tsx widget/build/api-table.ts` prints it; a test keeps README in step.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface Named {
  name: string;
  description?: string;
  type?: { text: string };
  attribute?: string;
  fieldName?: string;
}
interface Declaration {
  name: string;
  tagName?: string;
  summary?: string;
  attributes?: Named[];
  members?: Array<Named & { kind: string; static?: boolean }>;
  events?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
}
interface Manifest {
  modules: Array<{ declarations?: Declaration[] }>;
}

export const MANIFEST = fileURLToPath(new URL('../../custom-elements.json', import.meta.url));
/** What every element shares; listed once above the table instead of in every row. */
const SHARED = new Set([
  'api',
  'token',
  'locale',
  'theme',
  'fetchToken',
  'client',
  'cut',
  'revision',
]);

const code = (text: string) => `\`${text}\``;
const oneLine = (text = '') => text.replace(/\s+/g, ' ').replaceAll('|', '\\|').trim();

export function apiTable(manifest: Manifest): string {
  const elements = manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .filter((declaration) => declaration.tagName)
    .sort((a, b) => (a.tagName === 'vp-dashboard' ? -1 : b.tagName === 'vp-dashboard' ? 1 : 0));
  const rows = elements.map((element) => {
    const attributes = (element.attributes ?? [])
      .filter((attribute) => !SHARED.has(attribute.name))
      .map((attribute) => `${code(attribute.name)} ${oneLine(attribute.description)}`);
    const properties = (element.members ?? [])
      .filter(
        (member) =>
          member.kind === 'field' &&
          !member.static &&
          !SHARED.has(member.name) &&
          !(element.attributes ?? []).some((attribute) => attribute.fieldName === member.name),
      )
      .map((member) => `${code(`.${member.name}`)} ${oneLine(member.description)}`);
    const events = (element.events ?? []).map(
      (event) => `${code(event.name)} ${oneLine(event.description)}`,
    );
    const parts = (element.cssParts ?? []).map((part) => code(part.name));
    return `| ${code(`<${element.tagName}>`)} ${oneLine(element.summary)} | ${[...attributes, ...properties].join('<br>') || '—'} | ${events.join('<br>') || '—'} | ${parts.join(' ') || '—'} |`;
  });
  const tokens = elements
    .flatMap((element) => element.cssProperties ?? [])
    .filter((token, index, all) => all.findIndex((other) => other.name === token.name) === index)
    .map((token) => `| ${code(token.name)} | ${oneLine(token.description)} |`);
  return [
    '| element | its own attributes (`name`) and properties (`.name`) | events | parts |',
    '|---|---|---|---|',
    ...rows,
    '',
    '| token | styles |',
    '|---|---|',
    ...tokens,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(apiTable(JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest));
}
