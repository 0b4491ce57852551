/**
 * The rep console's script (`/rep`), built apart from the customer's widget (vite.rep.config.ts →
 * dist/rep/): it defines the console's elements and signs the rep in. The page loads the widget's
 * script too, for `<vp-dashboard>` and `<vp-scenario-planner>`.
 */
import { VpRepConsole } from './rep-console.ts';
import { demoTokenSource, repClaims, takeFragmentToken } from './rep-session.ts';

export { VpRepBrief } from './rep-brief.ts';
export { VpRepConsole } from './rep-console.ts';
export { VpRepQueue } from './rep-queue.ts';
export { VpRepReply } from './rep-reply.ts';

/** Signs in every console on the page: by the demo's backend (`session`), else the fragment. */
function signIn(element: VpRepConsole): void {
  const sessionUrl = element.getAttribute('session');
  if (sessionUrl) {
    element.fetchToken = demoTokenSource(sessionUrl, (session) => {
      element.repName = session.rep.name;
    });
    return;
  }
  const token = takeFragmentToken(window.location, window.history, window.sessionStorage);
  if (!token) {
    element.signInError = 'no_token';
    return;
  }
  element.signInError = undefined;
  element.token = token;
  const claims = repClaims(token);
  if (claims.name && !element.repName) element.repName = claims.name;
}

function signInAll(): void {
  for (const element of document.querySelectorAll('vp-rep-console')) {
    if (element instanceof VpRepConsole) signIn(element);
  }
}

signInAll();
// The vendor's link opened again in this tab with another token: sign in with it.
window.addEventListener('hashchange', () => {
  if (window.location.hash.includes('token=')) signInAll();
});
