// The console's shell: who the requests are made as, the navigation, and the views.
import {h, replace, fields, parseJson} from './dom.js';
import {call, loadConnection, saveConnection} from './api.js';
import {History} from './chart.js';
import {queueList, queueDetail} from './queues.js';
import {adminView} from './admin.js';

const main = document.getElementById('main');
const notice = document.getElementById('notice');
const identity = document.getElementById('identity');
let timers = [];

const app = {
  connection: loadConnection(),
  history: new History(),
  api(method, path, body, contentType) {
    return call(app.connection, method, path, body, contentType);
  },
  /** An event handler that runs `work` and shows its failure instead of losing it. */
  action(work) {
    return async event => {
      if (event) event.preventDefault();
      clearNotice();
      try {
        await work(event);
      } catch (error) {
        app.report(error);
      }
    };
  },
  run(work) {
    work().catch(app.report);
  },
  /** Runs `work` now and every `millis` while this view is shown. */
  every(millis, work) {
    app.run(work);
    timers.push(setInterval(() => app.run(work), millis));
  },
  report(error) {
    replace(notice, h('div.error', {role: 'alert'}, error.message));
  },
  info(text) {
    replace(notice, h('div.info', {role: 'status'}, text));
  },
};

function clearNotice() {
  notice.replaceChildren();
}

function connectionView() {
  const connection = app.connection;
  const form = h('form.stack#connection-form', {},
    h('label', {}, 'Authentication', h('select', {name: 'mode'},
      h('option', {value: 'noauth', selected: connection.mode === 'noauth'}, 'No auth: name a project (X-Project-ID)'),
      h('option', {value: 'keystone', selected: connection.mode === 'keystone'}, 'Keystone token (X-Auth-Token)'),
      h('option', {value: 'signed', selected: connection.mode === 'signed'}, 'Pre-signed URL (the share JSON)'))),
    h('label', {}, 'Project', h('input', {name: 'project', value: connection.project, placeholder: 'demo'})),
    h('label', {}, 'Roles, without Keystone (X-Roles; admin sees pools and flavors)',
      h('input', {name: 'roles', value: connection.roles, placeholder: 'admin'})),
    h('label', {}, 'Keystone token', h('input', {name: 'token', type: 'password', value: connection.token})),
    h('label', {}, 'Pre-signed URL (the JSON answer of POST /v2/queues/NAME/share)',
      h('textarea', {name: 'signed', rows: 4}, connection.signed)),
    h('label', {}, 'Client-ID', h('input', {name: 'clientId', value: connection.clientId, required: true})),
    h('button', {type: 'submit'}, 'Save'));
  form.addEventListener('submit', app.action(async () => {
    const next = {...app.connection, ...fields(form)};
    if (next.mode === 'signed') parseJson(next.signed, 'The pre-signed URL');
    app.connection = next;
    saveConnection(app.connection);
    showIdentity();
    location.hash = app.connection.mode === 'signed' ? signedQueue(app.connection.signed) : '#/queues';
  }));
  replace(main, h('h2', {}, 'Connection'),
    h('p', {}, 'Every request goes to this server\'s API with these headers; they stay in this browser.'), form);
}

/** A pre-signed URL allows one queue's paths only: open that queue's page. */
function signedQueue(shareJson) {
  const paths = JSON.parse(shareJson || '{}').paths || [];
  const match = /^\/v2\/queues\/([^/]+)/.exec(paths[0] || '');
  return match ? `#/queues/${match[1]}` : '#/queues';
}

function showIdentity() {
  const connection = app.connection;
  const who = connection.mode === 'keystone' ? 'Keystone token'
    : connection.mode === 'signed' ? 'pre-signed URL' : `project ${connection.project || '(none)'}`;
  replace(identity, h('a', {href: '#/connection'}, who));
}

function route() {
  timers.forEach(clearInterval);
  timers = [];
  clearNotice();
  const configured = app.connection.mode !== 'noauth' || app.connection.project;
  let parts;
  try {
    parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  } catch {
    parts = [];
  }
  const [view, name] = parts;
  document.querySelectorAll('nav a').forEach(link =>
    link.classList.toggle('current', link.getAttribute('href') === `#/${view}`));
  if (!configured || view === 'connection') {
    connectionView();
  } else if ((view === 'queues' || view === 'topics') && name) {
    queueDetail(main, app, view, name);
  } else if (view === 'topics') {
    queueList(main, app, 'topics');
  } else if (view === 'admin') {
    adminView(main, app);
  } else {
    queueList(main, app, 'queues');
  }
}

window.addEventListener('hashchange', route);
showIdentity();
route();
