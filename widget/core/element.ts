import { LitElement } from 'lit';
import { readToken, type TokenSource, ValueprintClient, ValueprintError } from '../api/client.ts';
import { pageLocale, resolveLocale, type WidgetLocale } from '../i18n/locale.ts';
import { type Cut, defaultCut } from './cut.ts';
import { emit } from './events.ts';

export type Theme = 'light' | 'dark' | 'auto';

const sourceIds = new WeakMap<TokenSource, number>();
let lastSourceId = 0;
function sourceId(source: TokenSource): number {
  let id = sourceIds.get(source);
  if (id === undefined) {
    lastSourceId += 1;
    id = lastSourceId;
    sourceIds.set(source, id);
  }
  return id;
}

/**
 * What every `vp-*` element shares: how it reaches the value API (its own `api` + `token` /
 * `fetchToken`, or the `client` a dashboard hands down), the cut it shows, its language and theme.
 * Each element works alone on a page or inside `<vp-dashboard>`.
 */
export class VpElement extends LitElement {
  static override properties = {
    api: { type: String },
    token: { type: String },
    locale: { type: String },
    theme: { type: String, reflect: true },
    fetchToken: { attribute: false },
    client: { attribute: false },
    cut: { attribute: false },
    revision: { attribute: false },
  };

  /** Base URL of the Valueprint service; the page's own origin when empty. */
  declare api: string;
  /** An embed token minted by the host's backend. */
  declare token: string;
  /**
   * BCP 47 tag; the widget's words come in en, de and es, numbers and dates in any locale.
   * Unset: the token's `locale` claim, else the page's `lang`, else the browser's language.
   */
  declare locale: string;
  declare theme: Theme;
  /** Called for a token at start, on a timer at ~80% of each token's lifetime, and after a 401. */
  declare fetchToken: TokenSource | undefined;
  /** Set by `<vp-dashboard>` so its pieces share one client (and one token). */
  declare client: ValueprintClient | undefined;
  declare cut: Cut;
  /** Bumped by the dashboard when the numbers change underneath (an assumption was edited). */
  declare revision: number;

  private ownClient: { key: string; client: ValueprintClient } | undefined;
  private reported = new WeakSet<object>();

  constructor() {
    super();
    this.api = '';
    this.token = '';
    this.locale = '';
    this.theme = 'auto';
    this.fetchToken = undefined;
    this.client = undefined;
    this.cut = defaultCut();
    this.revision = 0;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Its token timer stops; a reconnected element's next request fetches a token again.
    this.ownClient?.client.dispose();
  }

  /** The client to call the API with: the dashboard's, or one made from this element's settings. */
  protected get valueClient(): ValueprintClient | undefined {
    if (this.client) return this.client;
    if (!this.token && !this.fetchToken) return undefined;
    // No api attribute: the service is on the page's own origin (a vendor proxying it, or the demo).
    const api = this.api || window.location.origin;
    // A new token or a new fetchToken means a new session (another user or account): new client.
    const key = `${api}\n${this.token}\n${this.fetchToken ? sourceId(this.fetchToken) : ''}\n${this.locale}`;
    if (this.ownClient?.key !== key || this.ownClient.client === undefined) {
      this.ownClient?.client.dispose();
      this.ownClient = {
        key,
        client: new ValueprintClient({
          api,
          token: this.token,
          locale: this.locale,
          ...(this.fetchToken ? { fetchToken: () => (this.fetchToken as TokenSource)() } : {}),
        }),
      };
    }
    return this.ownClient.client;
  }

  /** The client, or an error the element shows when it was given no way to reach the API. */
  protected requireClient(): ValueprintClient {
    const client = this.valueClient;
    if (!client) {
      throw new ValueprintError(
        'not_configured',
        'set the token attribute or the fetchToken property (and api when the service is elsewhere)',
      );
    }
    return client;
  }

  /** The attribute, else the token's `locale` claim (read, not verified), else the page's. */
  protected get localeTag(): string {
    if (this.locale) return this.locale;
    const token = this.token || this.valueClient?.heldToken;
    return (token && readToken(token).locale) || pageLocale();
  }

  /** The language of the widget's own words. */
  protected get uiLocale(): WidgetLocale {
    return resolveLocale(this.localeTag);
  }

  /** The full tag for Intl (keeps "de-AT" so dates and numbers follow the region). */
  protected get intlLocale(): string {
    const tag = this.localeTag;
    try {
      return Intl.getCanonicalLocales(tag)[0] ?? 'en';
    } catch {
      return 'en';
    }
  }

  /** Tells the host once per failure, as `vp-error` {code, message}. */
  protected reportError(error: unknown): void {
    if (typeof error === 'object' && error !== null) {
      if (this.reported.has(error)) return;
      this.reported.add(error);
    }
    const code = error instanceof ValueprintError ? error.code : 'unexpected';
    const message = error instanceof Error ? error.message : String(error);
    const report = () => {
      // A configuration error is the developer's to fix: say it where they look.
      if (code === 'origin_not_allowed' || code === 'not_configured') {
        console.error(`Valueprint: ${message}`);
      }
      emit(this, 'vp-error', { code, message });
    };
    // The host's module that sets fetchToken may run just after the widget's: not configured only
    // if it is still so a moment later.
    if (code !== 'not_configured') {
      report();
      return;
    }
    setTimeout(() => {
      if (this.isConnected && !this.valueClient) report();
    }, 1_000);
  }
}
