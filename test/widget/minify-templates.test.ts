import { describe, expect, it } from 'vitest';
import { minifyTemplates, squeezeCss } from '../../widget/build/minify-templates.ts';

describe('squeezing Lit templates at build time', () => {
  it('squeezes CSS to what a browser reads the same, leaving quoted strings as written', () => {
    const css = `
      /* a comment */
      .legend li,
      .marks > li {
        grid-template-columns: repeat(auto-fit, minmax(220px, 1fr));
        gap: calc(var(--_space) * 0.5) 0;
        content: '›: a, b' / '';
      }
      @container (max-width: 480px) {
        .offers { display: grid; }
      }
    `;
    expect(squeezeCss(css)).toBe(
      // A space at either end stays: it may part the literal from an expression.
      " .legend li,.marks>li{grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:calc(var(--_space) * 0.5) 0;content:'›: a, b' / ''}@container (max-width:480px){.offers{display:grid}}",
    );
  });

  it('edits only the literal text of css and html templates, never their expressions', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the source of a template, as text.
    const source = 'const a = css`:host { color: ${x}; }`;\nconst b = html`<p>\n  ${y} , </p>`;';
    expect(minifyTemplates(source)).toBe(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source of a template, as text.
      'const a = css`:host{color:${x}}`;\nconst b = html`<p> ${y} , </p>`;',
    );
  });
});
