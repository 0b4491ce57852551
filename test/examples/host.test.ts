import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The demo host page (examples/host) is served under a strict Content-Security-Policy
 * (script-src 'self'; style-src 'self'; no inline anything) and is what a vendor copies, so its
 * HTML is checked statically here: nothing inline, every control labelled and addressable by the
 * end-to-end tests, and no secret anywhere near the page's code.
 */

const dir = new URL('../../examples/host/', import.meta.url);
const html = readFileSync(new URL('index.html', dir), 'utf8');
const appJs = readFileSync(new URL('app.js', dir), 'utf8');
const appCss = readFileSync(new URL('app.css', dir), 'utf8');

interface Tag {
  name: string;
  attrs: Map<string, string>;
  /** Raw text up to the matching close tag, for script/style/label/button/option elements. */
  text: string;
}

/**
 * A small HTML tokenizer: comments dropped, every start tag with its attributes (quoted, unquoted
 * or bare), and the raw inner text of the elements the checks read. Enough for a hand-written page.
 */
function parseTags(source: string): Tag[] {
  const withoutComments = source.replace(/<!--[\s\S]*?-->/g, '');
  const tags: Tag[] = [];
  const tagPattern =
    /<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
  const attrPattern = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (const match of withoutComments.matchAll(tagPattern)) {
    const name = (match[1] ?? '').toLowerCase();
    const attrs = new Map<string, string>();
    for (const attr of (match[2] ?? '').matchAll(attrPattern)) {
      attrs.set((attr[1] ?? '').toLowerCase(), attr[2] ?? attr[3] ?? attr[4] ?? '');
    }
    let text = '';
    if (['script', 'style', 'label', 'button', 'option', 'a', 'strong'].includes(name)) {
      const start = (match.index ?? 0) + match[0].length;
      const end = withoutComments.toLowerCase().indexOf(`</${name}>`, start);
      text = end === -1 ? '' : withoutComments.slice(start, end);
    }
    tags.push({ name, attrs, text });
  }
  return tags;
}

/** Visible text of an element's inner HTML: tags (and inline SVG) removed, whitespace collapsed. */
function textOf(inner: string): string {
  return inner
    .replace(/<svg[\s\S]*?<\/svg>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const tags = parseTags(html);
const byName = (name: string) => tags.filter((tag) => tag.name === name);
const byTestId = (testId: string) => tags.filter((tag) => tag.attrs.get('data-testid') === testId);

describe('demo host page: runs under the strict CSP', () => {
  it('parses into a real page', () => {
    expect(html.trimStart().toLowerCase().startsWith('<!doctype html>')).toBe(true);
    expect(byName('html')[0]?.attrs.get('lang')).toBe('en');
    expect(tags.length).toBeGreaterThan(50);
  });

  it('loads exactly the widget and its own module, no inline script', () => {
    const scripts = byName('script');
    expect(scripts.map((script) => script.attrs.get('src')).sort()).toEqual([
      '/host/app.js',
      '/widget/valueprint.js',
    ]);
    for (const script of scripts) {
      expect(script.attrs.get('type')).toBe('module');
      expect(script.text.trim()).toBe('');
    }
  });

  it('has no <style> block, no style="" attribute and no on*="" handler on any element', () => {
    expect(byName('style')).toEqual([]);
    const offenders = tags.flatMap((tag) =>
      [...tag.attrs.keys()]
        .filter((attr) => attr === 'style' || attr.startsWith('on'))
        .map((attr) => `<${tag.name} ${attr}>`),
    );
    expect(offenders).toEqual([]);
    // Belt and braces against a tokenizer miss.
    expect(html).not.toMatch(/\sstyle\s*=/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  });

  it('loads its stylesheet from itself and references nothing off-origin', () => {
    const links = byName('link');
    expect(
      links
        .filter((link) => link.attrs.get('rel') === 'stylesheet')
        .map((l) => l.attrs.get('href')),
    ).toEqual(['/host/app.css']);
    for (const tag of tags) {
      for (const attr of ['src', 'href']) {
        const value = tag.attrs.get(attr);
        if (value === undefined) continue;
        expect(value, `<${tag.name} ${attr}="${value}">`).toMatch(/^(\/|#)/);
        expect(value.toLowerCase()).not.toContain('javascript:');
      }
    }
    expect(appCss).not.toMatch(/@import|url\(\s*['"]?(https?:)?\/\//i);
  });

  it('gives every id once', () => {
    const ids = tags.map((tag) => tag.attrs.get('id')).filter((id) => id !== undefined);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('demo host page: controls the end-to-end tests drive', () => {
  it('labels every form control and gives it a data-testid', () => {
    const labelsFor = new Map(
      byName('label').map((label) => [label.attrs.get('for'), textOf(label.text)]),
    );
    const controls = tags.filter((tag) => ['select', 'input', 'textarea'].includes(tag.name));
    expect(controls.length).toBe(3);
    for (const control of controls) {
      const id = control.attrs.get('id') ?? '';
      expect(id, `<${control.name}> without id`).not.toBe('');
      expect(labelsFor.get(id), `no <label for="${id}">`).toBeTruthy();
      expect(control.attrs.get('data-testid'), `#${id} without data-testid`).toBeTruthy();
    }
  });

  it('gives every button a name and a data-testid', () => {
    const buttons = byName('button');
    expect(buttons.length).toBeGreaterThan(0);
    for (const button of buttons) {
      const name = button.attrs.get('aria-label') ?? textOf(button.text);
      expect(name, `<button id="${button.attrs.get('id')}"> has no name`).not.toBe('');
      expect(button.attrs.get('type')).toBe('button');
      expect(button.attrs.get('data-testid')).toBeTruthy();
    }
  });

  it('has the switchers, the status line and the dashboard slot under their documented ids', () => {
    const expected: Array<[string, string, string]> = [
      ['account-select', 'select', 'account-select'],
      ['role-select', 'select', 'role-select'],
      ['locale-select', 'select', 'locale-select'],
      ['theme-toggle', 'button', 'theme-toggle'],
      ['host-status', 'p', 'host-status'],
      ['dashboard-slot', 'section', 'dashboard-slot'],
    ];
    for (const [testId, name, id] of expected) {
      const found = byTestId(testId);
      expect(found, testId).toHaveLength(1);
      expect(found[0]?.name).toBe(name);
      expect(found[0]?.attrs.get('id')).toBe(id);
    }
    const status = byTestId('host-status')[0];
    expect(status?.attrs.get('aria-live')).toBe('polite');
    expect(status?.attrs.get('role')).toBe('status');
    expect(byTestId('theme-toggle')[0]?.attrs.get('aria-pressed')).toBe('false');
  });

  it('offers the two roles and the three languages', () => {
    const options = byName('option').map((option) => option.attrs.get('value'));
    expect(options).toEqual(expect.arrayContaining(['viewer', 'editor', 'en', 'de', 'es']));
    expect(
      byName('option')
        .filter((option) => ['en', 'de', 'es'].includes(option.attrs.get('value') ?? ''))
        .map((option) => textOf(option.text)),
    ).toEqual(['English', 'Deutsch', 'Español']);
  });

  it('has the landmarks, one h1 and Value as the current page of the nav', () => {
    expect(byName('header')).toHaveLength(1);
    expect(byName('main')).toHaveLength(1);
    expect(byName('main')[0]?.attrs.get('id')).toBe('main');
    expect(byName('nav')).toHaveLength(1);
    expect(byName('nav')[0]?.attrs.get('aria-label')).toBeTruthy();
    expect(byName('footer')).toHaveLength(1);
    expect(byName('h1')).toHaveLength(1);
    const current = tags.filter((tag) => tag.attrs.get('aria-current') === 'page');
    expect(current).toHaveLength(1);
    expect(textOf(current[0]?.text ?? '')).toBe('Value');
    const navLinks = byName('a').filter((a) => a.attrs.get('class')?.includes('nav-link'));
    expect(navLinks.map((a) => textOf(a.text))).toEqual([
      'Workflows',
      'Runs',
      'Reports',
      'Integrations',
      'Value',
    ]);
  });

  it('has every host string the page marks for translation in all three languages', () => {
    const keys = new Set(
      tags.flatMap((tag) =>
        ['data-i18n', 'data-i18n-aria-label']
          .map((attr) => tag.attrs.get(attr))
          .filter((key): key is string => key !== undefined),
      ),
    );
    expect(keys.size).toBeGreaterThan(10);
    const catalog = appJs.slice(
      appJs.indexOf('const STRINGS = {'),
      appJs.indexOf('@typedef {keyof'),
    );
    expect(catalog.length).toBeGreaterThan(1000);
    for (const key of keys) {
      const definitions = catalog.match(new RegExp(`^\\s+${key}:`, 'gm')) ?? [];
      expect(definitions.length, `"${key}" in en, de and es`).toBe(3);
    }
  });

  it('keeps a demo note saying what is real and what is generated', () => {
    const note = html.slice(html.indexOf('<footer'), html.indexOf('</footer>'));
    expect(note).toContain('This is a demo host');
    expect(note).toMatch(/Real:/);
    expect(note).toMatch(/generated/);
  });
});

describe('demo host page: the key stays on the server', () => {
  it('never names the secret key, its prefix or the header that carries it', () => {
    for (const [file, source] of [
      ['app.js', appJs],
      ['index.html', html],
    ] as const) {
      expect(source, file).not.toMatch(/vp_sk/i);
      expect(source, file).not.toMatch(/secret/i);
      expect(source, file).not.toMatch(/authorization/i);
      expect(source, file).not.toMatch(/bearer/i);
      // The admin route that mints sessions is the backend's business, not the page's.
      expect(source, file).not.toContain('/v1/embed/sessions');
    }
  });

  it('asks only its own backend, on its own origin', () => {
    const calls = [...appJs.matchAll(/fetch\(\s*([^,)]+)/g)].map((call) => call[1]?.trim());
    expect(calls).toEqual(["'/host/api/session'", "'/host/api/accounts'"]);
  });

  it('sets the dashboard up the documented way', () => {
    expect(appJs).toContain("document.createElement('vp-dashboard')");
    expect(appJs).toMatch(/\.fetchToken = sessionTokenSource\(/);
    for (const event of ['vp-ready', 'vp-error', 'vp-cut-change', 'vp-assumption-change']) {
      expect(appJs).toContain(`addEventListener('${event}'`);
    }
    expect(appJs).not.toMatch(/\beval\(|new Function\(|innerHTML/);
  });
});
