import { css, type PropertyValues, type TemplateResult } from 'lit';
import { ValueprintError } from '../api/client.ts';
import { tokens } from '../styles/tokens.ts';
import { VpElement } from './element.ts';
import { renderError, renderLoading } from './states.ts';

/**
 * A piece of the widget in its own file, fetched the first time it is shown and then kept. A
 * failed fetch (offline, a deploy that removed the old file) may be tried again.
 */
export class Chunk {
  private pending: Promise<void> | undefined;
  loaded = false;

  constructor(private readonly load: () => Promise<unknown>) {}

  fetch(): Promise<void> {
    this.pending ??= this.load().then(
      () => {
        this.loaded = true;
      },
      (error: unknown) => {
        this.pending = undefined;
        const reason = error instanceof Error ? error.message : String(error);
        throw new ValueprintError('network', `a part of the widget could not be loaded: ${reason}`);
      },
    );
    return this.pending;
  }
}

/**
 * An element whose body lives in a chunk: it stays small in the main bundle, fetches the chunk
 * when it is first connected (shown), says so with a skeleton, and offers "Try again" when the
 * fetch fails. Subclasses name the chunk and render the body once it is there.
 */
export abstract class VpLazyElement extends VpElement {
  static override properties = { ...VpElement.properties, chunkError: { state: true } };
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
      }
    `,
  ];

  declare private chunkError: unknown;
  protected abstract readonly chunk: Chunk;
  protected abstract renderBody(): TemplateResult;
  protected readonly loadingShape: 'lines' | 'chart' | 'rows' = 'lines';

  override connectedCallback(): void {
    super.connectedCallback();
    this.fetchChunk();
  }

  /** Resolves once the body is defined and rendered (tests and the dashboard wait on it). */
  async bodyReady(): Promise<void> {
    await this.chunk.fetch();
    await this.updateComplete;
  }

  private fetchChunk(): void {
    if (this.chunk.loaded) return;
    this.chunkError = undefined;
    this.chunk.fetch().then(
      () => this.requestUpdate(),
      (error: unknown) => {
        this.chunkError = error;
        this.reportError(error);
      },
    );
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // "Try again" anywhere in the dashboard (a new revision) fetches a failed chunk again too.
    if (changed.has('revision') && this.chunkError) this.fetchChunk();
  }

  override render() {
    if (this.chunk.loaded) return this.renderBody();
    if (this.chunkError) {
      return renderError(this.chunkError, this.uiLocale, () => this.fetchChunk());
    }
    return renderLoading(this.uiLocale, this.loadingShape);
  }
}
