/**
 * Acme Flow's "Value" page: the vendor-side code around <vp-dashboard>. Plain browser ES module,
 * no build step, no framework; it runs under the page's strict Content-Security-Policy.
 *
 * What a vendor copies from here (see README.md): `sessionTokenSource` (ask your own backend for an
 * embed token — the API key stays on the server), `mountDashboard` (create the element, give it
 * the token source, re-key it when the user or language changes) and the event listeners.
 * The rest is this demo's shell: the customer switcher, role, language and theme.
 */

/** @typedef {{ id: string, name: string }} Account */
/** @typedef {'viewer' | 'editor'} Role */
/** @typedef {'en' | 'de' | 'es'} Locale */
/** @typedef {'light' | 'dark'} Theme */
/** @typedef {'idle' | 'loading' | 'ready' | 'error' | 'info'} StatusState */

const ROLES = /** @type {const} */ (['viewer', 'editor']);
const LOCALES = /** @type {const} */ (['en', 'de', 'es']);
const THEMES = /** @type {const} */ (['light', 'dark']);
/** Every piece of the dashboard, in the order a customer reads them. */
const SECTIONS = 'story,trend,drivers,cuts,explain,next,plan';
/** How long the widget script may take to define <vp-dashboard> before the page says so. */
const WIDGET_TIMEOUT_MS = 10_000;

/** The host page's own words (the dashboard brings its own). */
const STRINGS = {
  en: {
    pageTitle: 'Value · Acme Flow',
    skip: 'Skip to content',
    demoControls: 'Demo',
    account: 'Viewing as customer',
    loadingAccounts: 'Loading…',
    role: 'Role',
    viewer: 'Viewer',
    editor: 'Editor',
    language: 'Language',
    darkTheme: 'Dark theme',
    signedIn: 'Signed in:',
    navLabel: 'Main',
    navWorkflows: 'Workflows',
    navRuns: 'Runs',
    navReports: 'Reports',
    navIntegrations: 'Integrations',
    navValue: 'Value',
    title: 'Value',
    lede: 'What Acme Flow has delivered for {account}, measured from your own usage.',
    dashboardLabel: 'Value dashboard',
    noteTitle: 'This is a demo host',
    noteReal:
      "Real: the Valueprint service, its API and every number in the dashboard, computed live from the events stored on this server. Each session is minted by this page's own backend with the Valueprint API key, which stays on the server.",
    noteDemo:
      'Demo: Acme Flow and its six customers are made up, and their usage data is generated. Apart from Value, the navigation goes nowhere.',
    noteRep: 'Answer as their success manager: open the rep console',
    statusLoading: 'Loading value for {account}…',
    statusReady: 'Value loaded for {account}',
    statusAssumption: 'Assumption updated',
    statusInert: '{page} is not part of this demo; only Value is.',
    statusOffer: 'In Acme Flow, “{action}” would take you to {offer}. This demo goes nowhere.',
    statusAccountsFailed: 'Could not load the demo accounts: {message}',
    statusWidgetMissing:
      'The dashboard script did not load. Build it with "npm run build" and reload the page.',
    sessionFailed: 'Could not start a session ({status}).',
  },
  de: {
    pageTitle: 'Wert · Acme Flow',
    skip: 'Zum Inhalt springen',
    demoControls: 'Demo',
    account: 'Ansicht als Kunde',
    loadingAccounts: 'Wird geladen…',
    role: 'Rolle',
    viewer: 'Betrachter',
    editor: 'Bearbeiter',
    language: 'Sprache',
    darkTheme: 'Dunkles Design',
    signedIn: 'Angemeldet:',
    navLabel: 'Hauptnavigation',
    navWorkflows: 'Workflows',
    navRuns: 'Ausführungen',
    navReports: 'Berichte',
    navIntegrations: 'Integrationen',
    navValue: 'Wert',
    title: 'Wert',
    lede: 'Was Acme Flow für {account} geleistet hat, gemessen an Ihrer eigenen Nutzung.',
    dashboardLabel: 'Wert-Dashboard',
    noteTitle: 'Dies ist eine Demo-Anwendung',
    noteReal:
      'Echt: der Valueprint-Dienst, seine API und jede Zahl im Dashboard, live berechnet aus den auf diesem Server gespeicherten Ereignissen. Jede Sitzung erstellt das Backend dieser Seite mit dem Valueprint-API-Schlüssel, der auf dem Server bleibt.',
    noteDemo:
      'Demo: Acme Flow und seine sechs Kunden sind erfunden, ihre Nutzungsdaten generiert. Außer „Wert“ führt die Navigation nirgendwohin.',
    noteRep: 'Als Success Manager antworten: die Konsole für Success Manager öffnen',
    statusLoading: 'Wert für {account} wird geladen…',
    statusReady: 'Wert für {account} geladen',
    statusAssumption: 'Annahme aktualisiert',
    statusInert: '„{page}“ gehört nicht zu dieser Demo, nur „Wert“.',
    statusOffer: 'In Acme Flow führt „{action}“ zu {offer}. Diese Demo führt nirgendwohin.',
    statusAccountsFailed: 'Die Demo-Kunden konnten nicht geladen werden: {message}',
    statusWidgetMissing:
      'Das Dashboard-Skript wurde nicht geladen. Bauen Sie es mit „npm run build“ und laden Sie die Seite neu.',
    sessionFailed: 'Die Sitzung konnte nicht gestartet werden ({status}).',
  },
  es: {
    pageTitle: 'Valor · Acme Flow',
    skip: 'Saltar al contenido',
    demoControls: 'Demo',
    account: 'Viendo como cliente',
    loadingAccounts: 'Cargando…',
    role: 'Rol',
    viewer: 'Lector',
    editor: 'Editor',
    language: 'Idioma',
    darkTheme: 'Tema oscuro',
    signedIn: 'Sesión iniciada:',
    navLabel: 'Navegación principal',
    navWorkflows: 'Flujos de trabajo',
    navRuns: 'Ejecuciones',
    navReports: 'Informes',
    navIntegrations: 'Integraciones',
    navValue: 'Valor',
    title: 'Valor',
    lede: 'Lo que Acme Flow ha aportado a {account}, medido a partir de su propio uso.',
    dashboardLabel: 'Panel de valor',
    noteTitle: 'Esta es una aplicación de demostración',
    noteReal:
      'Real: el servicio Valueprint, su API y cada cifra del panel, calculadas en vivo a partir de los eventos guardados en este servidor. Cada sesión la crea el backend de esta página con la clave de API de Valueprint, que se queda en el servidor.',
    noteDemo:
      'Demo: Acme Flow y sus seis clientes son inventados y sus datos de uso, generados. Salvo «Valor», la navegación no lleva a ninguna parte.',
    noteRep: 'Responde como su gestor de cuenta: abre la consola de gestores',
    statusLoading: 'Cargando el valor de {account}…',
    statusReady: 'Valor cargado para {account}',
    statusAssumption: 'Supuesto actualizado',
    statusInert: '«{page}» no forma parte de esta demo; solo «Valor».',
    statusOffer:
      'En Acme Flow, «{action}» te llevaría a {offer}. Esta demo no lleva a ninguna parte.',
    statusAccountsFailed: 'No se pudieron cargar los clientes de la demo: {message}',
    statusWidgetMissing:
      'El script del panel no se cargó. Compílelo con «npm run build» y recargue la página.',
    sessionFailed: 'No se pudo iniciar la sesión ({status}).',
  },
};

/** @typedef {keyof typeof STRINGS.en} StringKey */

/**
 * @param {StringKey} key
 * @param {Record<string, string>} [vars]
 */
function t(key, vars = {}) {
  const text = STRINGS[state.locale][key] ?? STRINGS.en[key];
  return text.replace(/\{(\w+)\}/g, (whole, name) => vars[name] ?? whole);
}

const params = new URLSearchParams(window.location.search);
const prefersDark = window.matchMedia('(prefers-color-scheme: dark)').matches;

/** The page's choices; the URL mirrors them (?account=globex&role=editor&locale=de&theme=dark). */
const state = {
  /** @type {Account[]} */
  accounts: [],
  accountId: params.get('account') ?? '',
  /** @type {Role} */
  role: pick(ROLES, params.get('role'), 'viewer'),
  /** @type {Locale} */
  locale: pick(LOCALES, params.get('locale'), pick(LOCALES, navigator.language.slice(0, 2), 'en')),
  /** @type {Theme} */
  theme: pick(THEMES, params.get('theme'), prefersDark ? 'dark' : 'light'),
};

/**
 * @template {string} T
 * @param {readonly T[]} allowed
 * @param {string | null | undefined} value
 * @param {T} fallback
 * @returns {T}
 */
function pick(allowed, value, fallback) {
  return allowed.includes(/** @type {T} */ (value)) ? /** @type {T} */ (value) : fallback;
}

/**
 * @template {HTMLElement} E
 * @param {string} id
 * @returns {E}
 */
function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page lacks #${id}`);
  return /** @type {E} */ (element);
}

const ui = {
  accountSelect: /** @type {HTMLSelectElement} */ (byId('account-select')),
  roleSelect: /** @type {HTMLSelectElement} */ (byId('role-select')),
  localeSelect: /** @type {HTMLSelectElement} */ (byId('locale-select')),
  themeToggle: /** @type {HTMLButtonElement} */ (byId('theme-toggle')),
  status: byId('host-status'),
  slot: byId('dashboard-slot'),
  lede: byId('page-lede'),
  breadcrumbAccount: byId('breadcrumb-account'),
  signedInAccount: byId('signed-in-account'),
  signedInRole: byId('signed-in-role'),
  signedInInitials: byId('signed-in-initials'),
};

// ---- What a vendor copies ----------------------------------------------------------------------

/**
 * The dashboard's `fetchToken`: asks this product's own backend for an embed session. The backend
 * knows who is signed in and holds the Valueprint API key; the page only sees the short-lived token.
 * Called by the widget at start, shortly before the token expires and after a 401. The first token
 * is asked for at once, while the widget's script may still be loading, and handed to the widget's
 * first call; every later call asks anew.
 *
 * @param {{ accountId: string, role: Role, locale: Locale }} choice
 * @returns {() => Promise<string>}
 */
function sessionTokenSource(choice) {
  const ask = async () => {
    const response = await fetch('/host/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(choice),
    });
    const body = await response.json().catch(() => null);
    if (!response.ok || typeof body?.token !== 'string') {
      throw new Error(
        body?.error?.message ?? t('sessionFailed', { status: String(response.status) }),
      );
    }
    return body.token;
  };
  /** @type {Promise<string> | undefined} */
  let early = ask();
  // Its failure is the widget's to show, when it asks; until then it is not unhandled.
  early.catch(() => undefined);
  return async function fetchToken() {
    const first = early;
    early = undefined;
    return first ?? ask();
  };
}

/**
 * Puts a fresh <vp-dashboard> on the page for the current customer, role and language. A new
 * element (rather than new attributes on the old one) guarantees nothing of the previous
 * customer's session, cut or numbers survives the switch.
 */
function mountDashboard() {
  const choice = { accountId: state.accountId, role: state.role, locale: state.locale };
  const dashboard = /** @type {HTMLElement & { fetchToken?: () => Promise<string> }} */ (
    document.createElement('vp-dashboard')
  );
  dashboard.id = 'value-dashboard';
  dashboard.dataset.testid = 'value-dashboard';
  dashboard.dataset.account = choice.accountId;
  dashboard.dataset.role = choice.role;
  dashboard.dataset.locale = choice.locale;
  // Empty api: the service answers on this page's own origin.
  dashboard.setAttribute('api', '');
  dashboard.setAttribute('locale', choice.locale);
  dashboard.setAttribute('theme', state.theme);
  dashboard.setAttribute('sections', SECTIONS);
  dashboard.setAttribute('vendor', 'Acme Flow');
  // Set before the element connects, so its first call already asks for the right session.
  dashboard.fetchToken = sessionTokenSource(choice);
  ui.slot.replaceChildren(dashboard);
  if (widgetMissing) setStatus('error', t('statusWidgetMissing'));
  else setStatus('loading', t('statusLoading', { account: accountName(choice.accountId) }));
}

/** The widget's events bubble out of the element; listening on its container outlives re-keying. */
function listenToDashboard() {
  ui.slot.addEventListener('vp-ready', (event) => {
    const { detail } = /** @type {CustomEvent<{ account: string }>} */ (event);
    console.debug('vp-ready', detail);
    setStatus('ready', t('statusReady', { account: accountName(detail?.account) }));
  });
  ui.slot.addEventListener('vp-error', (event) => {
    const { detail } = /** @type {CustomEvent<{ code: string, message: string }>} */ (event);
    console.debug('vp-error', detail);
    setStatus('error', detail?.message ?? String(detail?.code ?? 'error'));
  });
  ui.slot.addEventListener('vp-cut-change', (event) => {
    console.debug('vp-cut-change', /** @type {CustomEvent} */ (event).detail);
  });
  ui.slot.addEventListener('vp-assumption-change', (event) => {
    console.debug('vp-assumption-change', /** @type {CustomEvent} */ (event).detail);
    setStatus('ready', t('statusAssumption'));
  });
  // A suggestion's call to action: a real product routes it in-app (here: says where it would go).
  // Without preventDefault the widget opens the offer's URL in a new tab.
  ui.slot.addEventListener('vp-offer-action', (event) => {
    const { detail } =
      /** @type {CustomEvent<{ offer: { label: string }, cta: { label: string } }>} */ (event);
    event.preventDefault();
    setStatus('info', t('statusOffer', { action: detail.cta.label, offer: detail.offer.label }));
  });
}

// ---- The demo shell ----------------------------------------------------------------------------

/**
 * @param {StatusState} kind
 * @param {string} message
 */
function setStatus(kind, message) {
  ui.status.dataset.state = kind;
  ui.status.textContent = message;
}

/** @param {string | undefined} id */
function accountName(id) {
  return (
    state.accounts.find((account) => account.id === id)?.name ??
    state.accounts.find((account) => account.id === state.accountId)?.name ??
    id ??
    ''
  );
}

/** "Acme Corp" → "AC", "Hooli" → "HO". */
function initials(name) {
  const words = name.split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? `${words[0]?.[0]}${words[1]?.[0]}` : name.slice(0, 2);
  return letters.toUpperCase();
}

function syncUrl() {
  const query = new URLSearchParams({
    account: state.accountId,
    role: state.role,
    locale: state.locale,
    theme: state.theme,
  });
  window.history.replaceState(
    null,
    '',
    `${window.location.pathname}?${query}${window.location.hash}`,
  );
}

/** The host's own words, `<html lang>`, and everything that names the signed-in customer. */
function renderShell() {
  document.documentElement.lang = state.locale;
  document.title = t('pageTitle');
  for (const element of document.querySelectorAll('[data-i18n]')) {
    const key = /** @type {StringKey} */ (element.getAttribute('data-i18n'));
    if (key in STRINGS.en) element.textContent = t(key);
  }
  for (const element of document.querySelectorAll('[data-i18n-aria-label]')) {
    const key = /** @type {StringKey} */ (element.getAttribute('data-i18n-aria-label'));
    if (key in STRINGS.en) element.setAttribute('aria-label', t(key));
  }
  // Icon-only nav links on a phone still show their name on hover.
  for (const link of document.querySelectorAll('.nav-link')) {
    link.setAttribute('title', link.textContent?.trim() ?? '');
  }
  ui.themeToggle.title = t('darkTheme');

  const name = accountName(state.accountId);
  ui.lede.textContent = t('lede', { account: name || 'your team' });
  ui.breadcrumbAccount.textContent = name;
  ui.signedInAccount.textContent = name;
  ui.signedInInitials.textContent = name ? initials(name) : '··';
  ui.signedInRole.textContent = t(state.role);

  ui.roleSelect.value = state.role;
  ui.localeSelect.value = state.locale;
  if (state.accounts.length > 0) ui.accountSelect.value = state.accountId;
}

function applyTheme() {
  const root = document.documentElement;
  root.classList.toggle('theme-dark', state.theme === 'dark');
  root.classList.toggle('theme-light', state.theme === 'light');
  ui.themeToggle.setAttribute('aria-pressed', String(state.theme === 'dark'));
  // The host's --vp-* tokens restyle the element; its theme attribute picks the defaults for
  // anything the host leaves unset. No reload: the numbers do not change with the colours.
  document.getElementById('value-dashboard')?.setAttribute('theme', state.theme);
}

/** @returns {Promise<Account[]>} */
async function loadAccounts() {
  const response = await fetch('/host/api/accounts', { headers: { accept: 'application/json' } });
  const body = await response.json().catch(() => null);
  if (!response.ok || !Array.isArray(body)) {
    throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
  }
  return body;
}

function renderAccountOptions() {
  ui.accountSelect.replaceChildren(
    ...state.accounts.map((account) => new Option(account.name, account.id)),
  );
  ui.accountSelect.value = state.accountId;
  ui.accountSelect.disabled = false;
}

function wireControls() {
  ui.accountSelect.addEventListener('change', () => {
    state.accountId = ui.accountSelect.value;
    changed();
  });
  ui.roleSelect.addEventListener('change', () => {
    state.role = pick(ROLES, ui.roleSelect.value, 'viewer');
    changed();
  });
  ui.localeSelect.addEventListener('change', () => {
    state.locale = pick(LOCALES, ui.localeSelect.value, 'en');
    changed();
  });
  ui.themeToggle.addEventListener('click', () => {
    state.theme = state.theme === 'dark' ? 'light' : 'dark';
    applyTheme();
    syncUrl();
  });
  // Only Value exists in this demo; the other links look and behave like nav but go nowhere.
  document.querySelector('.sidebar')?.addEventListener('click', (event) => {
    const link = /** @type {Element} */ (event.target).closest('a[data-inert]');
    if (!link) return;
    event.preventDefault();
    setStatus('info', t('statusInert', { page: link.textContent?.trim() ?? '' }));
  });
}

/** Account, role or language changed: new words, new session, new dashboard. */
function changed() {
  renderShell();
  syncUrl();
  mountDashboard();
}

/** Says so on the page when the widget bundle never defines the element (e.g. not built). */
let widgetMissing = false;

function watchWidgetScript() {
  const timer = window.setTimeout(() => {
    if (customElements.get('vp-dashboard')) return;
    widgetMissing = true;
    setStatus('error', t('statusWidgetMissing'));
  }, WIDGET_TIMEOUT_MS);
  customElements.whenDefined('vp-dashboard').then(() => {
    window.clearTimeout(timer);
    widgetMissing = false;
  });
}

async function start() {
  applyTheme();
  renderShell();
  wireControls();
  listenToDashboard();
  watchWidgetScript();
  try {
    state.accounts = await loadAccounts();
  } catch (error) {
    setStatus(
      'error',
      t('statusAccountsFailed', {
        message: error instanceof Error ? error.message : String(error),
      }),
    );
    return;
  }
  if (!state.accounts.some((account) => account.id === state.accountId)) {
    state.accountId = state.accounts[0]?.id ?? '';
  }
  renderAccountOptions();
  renderShell();
  syncUrl();
  mountDashboard();
  document.documentElement.dataset.host = 'ready';
}

start();
