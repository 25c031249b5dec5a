// The operator's dashboard: log-in with an admin key, then one view per hash route
// (#/fleet, #/jobs, #/job/<id>, #/voices, #/training, #/dlq).

import { api, session } from './api.js';
import { errorBox } from './dom.js';
import { deadLettersView } from './views/dlq.js';
import { fleetView } from './views/fleet.js';
import { jobView } from './views/job.js';
import { jobsView } from './views/jobs.js';
import { trainingView } from './views/training.js';
import { voicesView } from './views/voices.js';

const VIEWS = { fleet: fleetView, jobs: jobsView, job: jobView, voices: voicesView, training: trainingView, dlq: deadLettersView };
/** Any endpoint that only admin keys may call: it tells a user key (403) from a bad one (401). */
const ADMIN_CHECK = '/v1/admin/tenants';

const login = document.getElementById('login');
const loginError = document.getElementById('login-error');
const dashboard = document.getElementById('dashboard');
const main = document.getElementById('view');
/** Stops the shown view's requests, streams and timers when another is shown. */
let shown = new AbortController();

function showLogin(message) {
  shown.abort();
  session.forget();
  dashboard.hidden = true;
  login.hidden = false;
  loginError.textContent = message ?? '';
  document.getElementById('login-key').focus();
}

/**
 * What a view does with an error: a key no longer valid logs out, anything else is shown above the
 * view (the latest only) until `recovered()` says the view reached the gateway again.
 */
function errorsIn(root) {
  const clear = () => root.querySelector(':scope > [data-testid="view-error"]')?.remove();
  return {
    fail(error) {
      if (error.name === 'AbortError') return;
      if (error.status === 401) {
        showLogin(error.message);
        return;
      }
      clear();
      root.prepend(errorBox(error));
    },
    recovered: clear,
  };
}

function route() {
  if (!session.key) {
    showLogin();
    return;
  }
  const [, name, argument] = location.hash.match(/^#\/([a-z]+)(?:\/(.+))?$/) ?? [];
  const view = VIEWS[name];
  if (!view) {
    location.replace('#/fleet');
    return;
  }
  shown.abort();
  shown = new AbortController();
  login.hidden = true;
  dashboard.hidden = false;
  for (const link of document.querySelectorAll('nav a')) {
    link.toggleAttribute('aria-current', link.getAttribute('href') === `#/${name}`);
  }
  const root = document.createElement('section');
  root.dataset.testid = `view-${name}`;
  main.replaceChildren(root);
  view(root, { signal: shown.signal, ...errorsIn(root) }, argument && decodeURIComponent(argument));
}

login.addEventListener('submit', async (event) => {
  event.preventDefault();
  const key = document.getElementById('login-key').value.trim();
  try {
    await api(ADMIN_CHECK, { key });
    session.key = key;
    loginError.textContent = '';
    route();
  } catch (error) {
    loginError.textContent = error.message;
  }
});
document.getElementById('logout').addEventListener('click', () => showLogin());
window.addEventListener('hashchange', route);
route();
