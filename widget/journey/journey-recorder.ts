import type { ValueprintClient, ValueprintError } from '../api/client.ts';
import {
  batchesOf,
  FLUSH_AT,
  FLUSH_MS,
  type JourneyEvent,
  journeyEventOf,
  kept,
  recordedEvents,
  SETTLE_MS,
} from './journey-model.ts';

/** What the recorder needs of the dashboard (it does not import the element: no cycle). */
export interface JourneyHost extends HTMLElement {
  /** "off": record nothing (e.g. until the customer consents). Read at every event. */
  journey: string;
  renderRoot: ParentNode;
  cut: object;
}

/** The dashboard's sections by the element that shows each; "plan" is its own section. */
const SECTIONS: Record<string, string> = {
  'VP-CUTS': 'cuts',
  'VP-VALUE-STORY': 'story',
  'VP-TREND-CHART': 'trend',
  'VP-DRIVERS': 'drivers',
  'VP-EXPLAIN': 'explain',
  'VP-NEXT-BEST': 'next',
  SECTION: 'plan',
};

/**
 * Records the customer's journey in the dashboard (`POST /v1/journey`, issue 14): the `vp-*`
 * events its pieces fire, and each section the first time it comes into view after each cut.
 * Batched: sent every FLUSH_MS or at FLUSH_AT events, and when the page hides. Records nothing for
 * a success manager's read-only view (the token's `rep` claim; the server would answer 403) nor
 * while the dashboard has `journey="off"`. Never reports an error to the customer: a failed send
 * keeps its events for the next one (bounded), a refused one is dropped. Returns `stop`.
 */
export function startJourney(
  host: JourneyHost,
  client: () => ValueprintClient | undefined,
): () => void {
  let stopped = false;
  let queue: JourneyEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let settling: ReturnType<typeof setTimeout> | undefined;
  let levers: unknown;
  let lastLevers = '';
  let lastCut = JSON.stringify(journeyEventOf('vp-cut-change', host.cut, '')?.detail);
  const seen = new Set<string>();
  const off = () => stopped || host.journey === 'off';

  const record = (event: JourneyEvent | undefined) => {
    if (!event || off()) return;
    queue = kept(queue, [event]);
    if (queue.length >= FLUSH_AT) flush();
    else timer ??= setTimeout(flush, FLUSH_MS);
  };

  // Levers move at every slider tick: what counts is where they rest.
  const settle = () => {
    clearTimeout(settling);
    settling = undefined;
    const key = JSON.stringify(levers);
    if (levers === undefined || key === lastLevers) return;
    lastLevers = key;
    record(journeyEventOf('vp-scenario-change', levers));
  };

  // navigator.sendBeacon cannot carry an Authorization header, and the embed token is a bearer
  // token: leaving the page sends with fetch's keepalive instead (up to 64 KB in flight).
  const flush = (leaving = false) => {
    if (leaving) settle();
    clearTimeout(timer);
    timer = undefined;
    if (off()) queue = [];
    const sending = queue;
    queue = [];
    for (const events of batchesOf(sending)) {
      client()
        ?.post('/v1/journey', { events }, leaving)
        .catch((error: ValueprintError) => {
          const status = error.status ?? 0;
          // 403: a read-only view. Another 4xx would be refused again: drop it. Else keep it.
          if (status === 403) stopped = true;
          else if (status < 400 || status >= 500 || status === 408 || status === 429) {
            queue = kept(events, queue);
          }
        });
    }
  };

  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const section = SECTIONS[entry.target.tagName];
        if (!entry.isIntersecting || !section || seen.has(section)) continue;
        seen.add(section);
        record({
          type: 'section_viewed',
          at: new Date().toISOString(),
          detail: { section },
        } as JourneyEvent);
      }
    },
    // In view: reaching into the middle of the viewport, whatever the section's height.
    { rootMargin: '-20% 0px' },
  );
  /** Watched afresh after each cut, so a section in view counts again once. */
  const watch = () => {
    seen.clear();
    observer.disconnect();
    for (const element of host.renderRoot.querySelectorAll(
      'vp-cuts,vp-value-story,vp-trend-chart,vp-drivers,vp-explain,vp-next-best,section.plan',
    )) {
      observer.observe(element);
    }
  };

  const onEvent = (event: Event) => {
    const { type, detail } = event as CustomEvent;
    if (type === 'vp-scenario-change') {
      levers = detail;
      clearTimeout(settling);
      settling = setTimeout(settle, SETTLE_MS);
      return;
    }
    if (type === 'vp-cut-change') {
      const key = JSON.stringify(journeyEventOf(type, detail, '')?.detail);
      if (key === lastCut) return;
      lastCut = key;
      watch();
    }
    // A saved plan was built first.
    if (type === 'vp-scenario-save') settle();
    record(journeyEventOf(type, detail));
  };
  const onHide = () => {
    if (document.visibilityState === 'hidden') flush(true);
  };
  const onLeave = () => flush(true);
  // Asking a success manager: what the customer just did goes ahead of the brief that tells it.
  const onAsk = () => flush(true);

  const names = [...recordedEvents, 'vp-scenario-change'];
  const stop = () => {
    flush(true);
    stopped = true;
    clearTimeout(settling);
    observer.disconnect();
    for (const name of names) host.removeEventListener(name, onEvent);
    host.removeEventListener('vp-handoff-open', onAsk);
    removeEventListener('pagehide', onLeave);
    document.removeEventListener('visibilitychange', onHide);
  };

  // The token says whether this is a success manager's view: read it before listening.
  void client()
    ?.session()
    .then((session) => {
      if (session.rep) stopped = true;
      if (stopped) return;
      for (const name of names) host.addEventListener(name, onEvent);
      host.addEventListener('vp-handoff-open', onAsk);
      addEventListener('pagehide', onLeave);
      document.addEventListener('visibilitychange', onHide);
      watch();
    })
    .catch(() => {
      stopped = true;
    });
  return stop;
}
