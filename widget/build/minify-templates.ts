import ts from 'typescript';
import type { Plugin } from 'vite';

/**
 * A Vite plugin that squeezes the whitespace and comments out of Lit's `html`, `svg` and `css`
 * templates, which the JavaScript minifier leaves alone. It edits only the literal text between
 * `${…}` expressions, found with the TypeScript parser, so expressions are never touched.
 */

const TAGS = new Set(['html', 'svg', 'css']);

/** Whitespace with a line break becomes one space: HTML renders both the same. */
export function squeezeMarkup(text: string): string {
  return text.replace(/<!--[\s\S]*?-->/g, '').replace(/\s*\n\s*/g, ' ');
}

/**
 * Comments out, runs of whitespace to one space, none around braces, semicolons, commas and child
 * combinators nor after colons, and no last semicolon in a block. Quoted strings stay as written.
 */
export function squeezeCss(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split(/('[^']*'|"[^"]*")/)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part
            .replace(/\s+/g, ' ')
            .replace(/\s*([{};,>])\s*/g, '$1')
            .replace(/:\s+/g, ':')
            .replace(/;}/g, '}'),
    )
    .join('');
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** The source with every Lit template's literal parts squeezed. */
export function minifyTemplates(source: string, fileName = 'module.ts'): string {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const edits: Edit[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isTaggedTemplateExpression(node) &&
      ts.isIdentifier(node.tag) &&
      TAGS.has(node.tag.text)
    ) {
      const squeeze = node.tag.text === 'css' ? squeezeCss : squeezeMarkup;
      const template = node.template;
      const literals = ts.isNoSubstitutionTemplateLiteral(template)
        ? [template]
        : [template.head, ...template.templateSpans.map((span) => span.literal)];
      for (const literal of literals) {
        // The literal's raw text sits between its delimiters: ` or } before, ` or ${ after.
        const start = literal.getStart(file) + 1;
        const closing = ts.isTemplateMiddle(literal) || ts.isTemplateHead(literal) ? 2 : 1;
        const end = literal.getEnd() - closing;
        const raw = source.slice(start, end);
        const squeezed = squeeze(raw);
        if (squeezed !== raw) edits.push({ start, end, text: squeezed });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let result = source;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return result;
}

export function minifyLitTemplates(): Plugin {
  return {
    name: 'valueprint-minify-lit-templates',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/widget\/.*\.ts$/.test(id) || !/\b(html|svg|css)`/.test(code)) return null;
      return { code: minifyTemplates(code, id), map: null };
    },
  };
}
