// Queues and topics: the list with live stats, and one queue's messages, claims and subscriptions.
import {h, replace, age, fields, parseJson, jsonText} from './dom.js';
import {lineChart} from './chart.js';

const REFRESH_MILLIS = 3000;
const path = (kind, name) => `/v2/${kind}/${encodeURIComponent(name)}`;

/** #/queues or #/topics: every queue of the project (first 20), refreshed every few seconds. */
export function queueList(main, app, kind) {
  const noun = kind === 'queues' ? 'queue' : 'topic';
  const chart = h('div.panel#queues-chart');
  const rows = h('tbody');
  const form = h('form.inline#create-queue', {}, h('input', {name: 'name', placeholder: `new ${noun} name`,
    required: true, pattern: '[a-zA-Z0-9_\\-]{1,64}', title: 'letters, digits, _ and -, at most 64'}),
  h('input.wide', {name: 'metadata', placeholder: 'metadata JSON, e.g. {"_default_message_ttl": 3600}'}),
  h('button', {type: 'submit'}, `Create ${noun}`));
  form.addEventListener('submit', app.action(async () => {
    const values = fields(form);
    await app.api('PUT', path(kind, values.name), parseJson(values.metadata, 'Metadata') ?? {});
    app.info(`Created ${noun} ${values.name}.`);
    form.reset();
    await refresh();
  }));
  const headings = ['Name', 'Free', 'Claimed', 'Total', 'Oldest', 'Newest', 'Trend', ''];
  replace(main, h('h2', {}, kind === 'queues' ? 'Queues' : 'Topics'), form, chart,
    h('table.grid#queue-table', {}, h('thead', {}, h('tr', {}, headings.map(text => h('th', {}, text)))), rows));

  async function refresh() {
    const listing = await app.api('GET', `/v2/${kind}?limit=20`);
    const names = ((listing && listing[kind]) || []).map(queue => queue.name);
    const stats = await Promise.all(names.map(name =>
      app.api('GET', `${path(kind, name)}/stats`).then(body => body.messages, () => null)));
    names.forEach((name, i) => stats[i] && app.history.add(`${kind}/${name}`, stats[i]));
    replace(rows, names.map((name, i) => row(name, stats[i], i)));
    if (!names.length) rows.append(h('tr', {}, h('td.empty', {colspan: headings.length}, `No ${kind} yet.`)));
    replace(chart, h('h3', {}, 'Messages over time (total per queue)'),
      lineChart(names.slice(0, 6).map(name => ({name, points: app.history.points(`${kind}/${name}`, 'total')}))));
  }

  /** The row's sparkline has the color of its line in the chart above (the first six queues). */
  function row(name, stats, index) {
    const numbers = stats || {};
    const remove = app.action(async () => {
      if (!confirm(`Delete ${noun} ${name} and its messages?`)) return;
      await app.api('DELETE', path(kind, name));
      await refresh();
    });
    return h('tr', {'data-name': name},
      h('td', {}, h('a', {href: `#/${kind}/${encodeURIComponent(name)}`}, name)),
      h('td.free', {}, numbers.free ?? '—'), h('td.claimed', {}, numbers.claimed ?? '—'),
      h('td.total', {}, numbers.total ?? '—'),
      h('td', {}, age(numbers.oldest && numbers.oldest.age)), h('td', {}, age(numbers.newest && numbers.newest.age)),
      h('td', {}, lineChart([{name: 'total', points: app.history.points(`${kind}/${name}`, 'total')}],
        {width: 120, height: 28, legend: false, color: index})),
      h('td', {}, h('button.danger', {type: 'button', onclick: remove}, 'Delete')));
  }

  app.every(REFRESH_MILLIS, refresh);
}

/** #/queues/NAME: stats chart, post, peek, claim, delete, subscriptions. Topics have no claims. */
export function queueDetail(main, app, kind, name) {
  const base = path(kind, name);
  const stats = h('div.stats#stats');
  const chart = h('div.panel#queue-chart');
  const messages = h('tbody#messages');
  const subscriptions = h('tbody#subscriptions');
  const claimResult = h('div#claim-result');

  const postForm = h('form.stack#post-form', {},
    h('label', {}, 'Body (JSON)', h('textarea', {name: 'body', rows: 3, required: true}, '{"event": "hello"}')),
    h('div.inline', {}, h('input', {name: 'ttl', type: 'number', min: 60, placeholder: 'ttl (s)'}),
      kind === 'queues' && h('input', {name: 'delay', type: 'number', min: 0, placeholder: 'delay (s)'}),
      h('button', {type: 'submit'}, 'Post message')));
  postForm.addEventListener('submit', app.action(async () => {
    const values = fields(postForm);
    const message = {body: parseJson(values.body, 'The body')};
    if (values.ttl) message.ttl = Number(values.ttl);
    if (values.delay) message.delay = Number(values.delay);
    await app.api('POST', `${base}/messages`, {messages: [message]});
    app.info('Posted 1 message.');
    await Promise.all([refreshStats(), refreshMessages()]);
  }));

  const claimForm = kind === 'queues' && h('form.inline#claim-form', {},
    h('label', {}, 'up to ', h('input', {name: 'limit', type: 'number', min: 1, max: 20, value: 5}), ' messages'),
    h('label', {}, 'for ', h('input', {name: 'ttl', type: 'number', min: 60, value: 60}), ' s'),
    h('label', {}, 'grace ', h('input', {name: 'grace', type: 'number', min: 0, value: 60}), ' s'),
    h('button', {type: 'submit'}, 'Claim messages'));
  if (claimForm) {
    claimForm.addEventListener('submit', app.action(async () => {
      const values = fields(claimForm);
      const claimed = await app.api('POST', `${base}/claims?limit=${Number(values.limit)}`,
        {ttl: Number(values.ttl), grace: Number(values.grace)});
      showClaim(claimed && claimed.messages);
      await Promise.all([refreshStats(), refreshMessages()]);
    }));
  }

  const subscriptionForm = h('form.inline#subscription-form', {},
    h('input.wide', {name: 'subscriber', required: true, placeholder: 'https://example.com/hook or mailto:…'}),
    h('label', {}, 'ttl ', h('input', {name: 'ttl', type: 'number', min: 60, value: 3600}), ' s'),
    h('input', {name: 'options', placeholder: 'options JSON (optional)'}),
    h('button', {type: 'submit'}, 'Subscribe'));
  subscriptionForm.addEventListener('submit', app.action(async () => {
    const values = fields(subscriptionForm);
    const body = {subscriber: values.subscriber, ttl: Number(values.ttl)};
    const options = parseJson(values.options, 'Options');
    if (options !== undefined) body.options = options;
    const created = await app.api('POST', `${base}/subscriptions`, body);
    app.info(`Subscribed: ${created ? created.subscription_id : 'already subscribed'}.`);
    subscriptionForm.reset();
    await refreshSubscriptions();
  }));

  replace(main,
    h('p.crumbs', {}, h('a', {href: `#/${kind}`}, kind === 'queues' ? 'Queues' : 'Topics'), ' / ', name),
    h('h2', {}, name), stats, chart,
    h('section', {}, h('h3', {}, 'Post'), postForm),
    h('section', {}, h('h3', {}, 'Messages ', h('button.small', {type: 'button', onclick:
      app.action(refreshMessages)}, 'Refresh')),
    h('table.grid', {}, h('thead', {}, h('tr', {}, ['Id', 'Age', 'TTL', 'Claim', 'Body', ''].map(t => h('th', {}, t)))),
      messages)),
    claimForm && h('section', {}, h('h3', {}, 'Claim'), claimForm, claimResult),
    h('section', {}, h('h3', {}, 'Subscriptions'), subscriptionForm,
      h('table.grid', {}, h('thead', {}, h('tr', {}, ['Id', 'Subscriber', 'TTL', 'Age', 'Options', '']
        .map(t => h('th', {}, t)))), subscriptions)),
    h('section.danger-zone', {}, h('h3', {}, 'Danger zone'),
      h('button.danger#purge', {type: 'button', onclick: app.action(async () => {
        if (!confirm(`Remove every message of ${name}?`)) return;
        await app.api('POST', `${base}/purge`, {resource_types: ['messages']});
        await Promise.all([refreshStats(), refreshMessages()]);
      })}, 'Purge messages'), ' ',
      h('button.danger#delete-queue', {type: 'button', onclick: app.action(async () => {
        if (!confirm(`Delete ${name} and its messages?`)) return;
        await app.api('DELETE', base);
        location.hash = `#/${kind}`;
      })}, `Delete ${kind === 'queues' ? 'queue' : 'topic'}`)));

  function showClaim(claimed) {
    if (!claimed || !claimed.length) {
      replace(claimResult, h('p', {}, 'Nothing to claim.'));
      return;
    }
    const claimId = claimOf(claimed[0]);
    replace(claimResult, h('p', {}, `Claim ${claimId}: ${claimed.length} message(s); delete them below. `,
      h('button.small', {type: 'button', onclick: app.action(async () => {
        await app.api('DELETE', `${base}/claims/${claimId}`);
        replace(claimResult, h('p', {}, `Released claim ${claimId}.`));
        await Promise.all([refreshStats(), refreshMessages()]);
      })}, 'Release claim')));
  }

  async function refreshStats() {
    const body = await app.api('GET', `${base}/stats`);
    const numbers = body.messages;
    app.history.add(`${kind}/${name}`, numbers);
    replace(stats, ['free', 'claimed', 'total'].map(field =>
      h(`span.stat.${field}`, {}, h('b', {}, String(numbers[field])), ` ${field}`)),
    h('span.stat', {}, 'oldest ', h('b', {}, age(numbers.oldest && numbers.oldest.age))),
    h('span.stat', {}, 'newest ', h('b', {}, age(numbers.newest && numbers.newest.age))));
    replace(chart, lineChart(['free', 'claimed', 'total'].map(field =>
      ({name: field, points: app.history.points(`${kind}/${name}`, field)}))));
  }

  async function refreshMessages() {
    const body = await app.api('GET', `${base}/messages?echo=true&include_claimed=true&limit=20`);
    const list = (body && body.messages) || [];
    replace(messages, list.map(message => {
      const claimId = claimOf(message);
      const query = claimId ? `?claim_id=${encodeURIComponent(claimId)}` : '';
      return h('tr', {'data-id': message.id}, h('td.id', {}, message.id), h('td', {}, age(message.age)),
        h('td', {}, `${message.ttl} s`), h('td.claim', {}, claimId || '—'),
        h('td', {}, h('pre.body', {}, jsonText(message.body))),
        h('td', {}, h('button.danger', {type: 'button', onclick: app.action(async () => {
          await app.api('DELETE', `${base}/messages/${message.id}${query}`);
          await Promise.all([refreshStats(), refreshMessages()]);
        })}, 'Delete')));
    }));
    if (!list.length) messages.append(h('tr', {}, h('td.empty', {colspan: 6}, 'No messages.')));
  }

  async function refreshSubscriptions() {
    const body = await app.api('GET', `${base}/subscriptions?limit=20`);
    const list = (body && body.subscriptions) || [];
    replace(subscriptions, list.map(subscription => h('tr', {'data-id': subscription.id},
      h('td.id', {}, subscription.id), h('td', {}, subscription.subscriber), h('td', {}, `${subscription.ttl} s`),
      h('td', {}, age(subscription.age)), h('td', {}, h('pre.body', {}, jsonText(subscription.options || {}))),
      h('td', {}, h('button.danger', {type: 'button', onclick: app.action(async () => {
        await app.api('DELETE', `${base}/subscriptions/${subscription.id}`);
        await refreshSubscriptions();
      })}, 'Delete')))));
    if (!list.length) subscriptions.append(h('tr', {}, h('td.empty', {colspan: 6}, 'No subscriptions.')));
  }

  app.run(refreshMessages);
  app.run(refreshSubscriptions);
  app.every(REFRESH_MILLIS, refreshStats);
}

/** The claim holding a message: upstream names it in the message's href. */
function claimOf(message) {
  if (message.claim_id) return message.claim_id;
  const match = /[?&]claim_id=([^&]+)/.exec(message.href || '');
  return match ? decodeURIComponent(match[1]) : null;
}
