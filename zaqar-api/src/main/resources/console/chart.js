// A line chart drawn as SVG from the numbers the console polled: no library, no build step.

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes = {}) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}

/**
 * series: [{name, points: [[timeMillis, value], ...]}]; series N gets the CSS class series-(N + color).
 * With legend false it is a sparkline.
 */
export function lineChart(series, {width = 1150, height = 200, legend = true, color = 0} = {}) {
  const pad = legend ? {left: 36, right: 8, top: 8, bottom: 22} : {left: 1, right: 1, top: 2, bottom: 2};
  const root = svg('svg', {viewBox: `0 0 ${width} ${height}`, width, height, class: 'chart', role: 'img'});
  const points = series.flatMap(s => s.points);
  const now = Date.now();
  const first = points.length ? Math.min(...points.map(p => p[0])) : now - 60000;
  const last = points.length ? Math.max(...points.map(p => p[0]), first + 1000) : now;
  const top = Math.max(1, ...points.map(p => p[1]));
  const x = t => pad.left + (t - first) / (last - first) * (width - pad.left - pad.right);
  const y = v => height - pad.bottom - v / top * (height - pad.top - pad.bottom);
  if (legend) {
    root.append(svg('line', {x1: pad.left, y1: y(0), x2: width - pad.right, y2: y(0), class: 'axis'}));
    root.append(svg('line', {x1: pad.left, y1: y(top), x2: width - pad.right, y2: y(top), class: 'grid'}));
    root.append(label(pad.left - 4, y(top) + 4, String(top), 'end'));
    root.append(label(pad.left - 4, y(0), '0', 'end'));
    root.append(label(pad.left, height - 6, `${Math.round((last - first) / 1000)} s ago`, 'start'));
    root.append(label(width - pad.right, height - 6, 'now', 'end'));
  }
  series.forEach((s, index) => {
    const path = s.points.map(([t, v], i) => `${i ? 'L' : 'M'}${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    const colorClass = `series-${(index + color) % 6}`;
    if (path) root.append(svg('path', {d: path, class: `line ${colorClass}`}));
    if (legend) {
      const entry = label(pad.left + 8 + index * 110, pad.top + 10, s.name, 'start');
      entry.setAttribute('class', `legend ${colorClass}`);
      root.append(entry);
    }
  });
  return root;
}

function label(x, y, text, anchor) {
  const element = svg('text', {x, y, 'text-anchor': anchor, class: 'label'});
  element.textContent = text;
  return element;
}

/** Keeps the last `limit` samples per key: the stats history charted over time. */
export class History {
  constructor(limit = 120) {
    this.limit = limit;
    this.samples = new Map();
  }

  add(key, sample) {
    const list = this.samples.get(key) || [];
    list.push({time: Date.now(), ...sample});
    if (list.length > this.limit) list.shift();
    this.samples.set(key, list);
  }

  /** [[time, sample[field]], ...] for one key. */
  points(key, field) {
    return (this.samples.get(key) || []).map(sample => [sample.time, sample[field]]);
  }
}
