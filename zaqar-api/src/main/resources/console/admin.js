// For admins (a server in admin mode, with a token or project the policy lets through):
// health, storage pools and flavors.
import {h, replace, fields, jsonText} from './dom.js';

export function adminView(main, app) {
  const health = h('pre.body#health');
  const pools = h('tbody#pools');
  const flavors = h('tbody#flavors');

  const poolForm = h('form.inline#pool-form', {},
    h('input', {name: 'name', required: true, placeholder: 'pool name'}),
    h('input.wide', {name: 'uri', required: true, placeholder: 'redis://127.0.0.1:6379'}),
    h('label', {}, 'weight ', h('input', {name: 'weight', type: 'number', min: 0, value: 100})),
    h('input', {name: 'flavor', placeholder: 'flavor (optional)'}),
    h('button', {type: 'submit'}, 'Add pool'));
  poolForm.addEventListener('submit', app.action(async () => {
    const values = fields(poolForm);
    const body = {uri: values.uri, weight: Number(values.weight)};
    if (values.flavor) body.flavor = values.flavor;
    await app.api('PUT', `/v2/pools/${encodeURIComponent(values.name)}`, body);
    app.info(`Added pool ${values.name}.`);
    poolForm.reset();
    await refreshPools();
  }));

  const flavorForm = h('form.inline#flavor-form', {},
    h('input', {name: 'name', required: true, placeholder: 'flavor name'}),
    h('input.wide', {name: 'pools', required: true, placeholder: 'pools, comma separated'}),
    h('button', {type: 'submit'}, 'Add flavor'));
  flavorForm.addEventListener('submit', app.action(async () => {
    const values = fields(flavorForm);
    const poolList = values.pools.split(',').map(pool => pool.trim()).filter(Boolean);
    await app.api('PUT', `/v2/flavors/${encodeURIComponent(values.name)}`, {pool_list: poolList});
    app.info(`Added flavor ${values.name}.`);
    flavorForm.reset();
    await Promise.all([refreshFlavors(), refreshPools()]);
  }));

  replace(main, h('h2', {}, 'Administration'),
    h('section', {}, h('h3', {}, 'Health'), health),
    h('section', {}, h('h3', {}, 'Pools'), poolForm, table(['Name', 'URI', 'Weight', 'Flavor', ''], pools)),
    h('section', {}, h('h3', {}, 'Flavors'), flavorForm, table(['Name', 'Pools', ''], flavors)));

  async function refreshHealth() {
    try {
      health.textContent = jsonText(await app.api('GET', '/v2/health'));
    } catch (error) {
      health.textContent = `Health is not available: ${error.message}`;
    }
  }

  async function refreshPools() {
    const body = await app.api('GET', '/v2/pools?detailed=true&limit=20');
    const list = (body && body.pools) || [];
    replace(pools, list.map(pool => h('tr', {'data-name': pool.name}, h('td', {}, pool.name),
      h('td', {}, pool.uri), h('td', {}, pool.weight), h('td', {}, pool.flavor || '—'),
      h('td', {}, deleteButton(`/v2/pools/${encodeURIComponent(pool.name)}`, refreshPools)))));
    if (!list.length) pools.append(h('tr', {}, h('td.empty', {colspan: 5}, 'No pools.')));
  }

  async function refreshFlavors() {
    const body = await app.api('GET', '/v2/flavors?detailed=true&limit=20');
    const list = (body && body.flavors) || [];
    replace(flavors, list.map(flavor => h('tr', {'data-name': flavor.name}, h('td', {}, flavor.name),
      h('td', {}, (flavor.pool_list || []).join(', ')),
      h('td', {}, deleteButton(`/v2/flavors/${encodeURIComponent(flavor.name)}`, refreshFlavors)))));
    if (!list.length) flavors.append(h('tr', {}, h('td.empty', {colspan: 3}, 'No flavors.')));
  }

  function deleteButton(target, refresh) {
    return h('button.danger', {type: 'button', onclick: app.action(async () => {
      await app.api('DELETE', target);
      await refresh();
    })}, 'Delete');
  }

  app.run(refreshHealth);
  app.run(refreshPools);
  app.run(refreshFlavors);
}

function table(headings, body) {
  return h('table.grid', {}, h('thead', {}, h('tr', {}, headings.map(text => h('th', {}, text)))), body);
}
