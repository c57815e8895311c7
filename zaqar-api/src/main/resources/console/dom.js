// Builds DOM nodes. Strings always become text nodes, never markup: message bodies, queue
// metadata and error texts come from other people and must not run in this page.

/** h('tag.class#id', {attribute: value, onclick: fn}, child, ...); null and false children are skipped. */
export function h(selector, attributes = {}, ...children) {
  const [tagAndClasses, id] = selector.split('#');
  const [tag, ...classes] = tagAndClasses.split('.');
  const element = document.createElement(tag || 'div');
  if (id) element.id = id;
  if (classes.length) element.className = classes.join(' ');
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'value') {
      // The attribute is what form.reset() returns to; the property is what is shown now.
      element.setAttribute('value', value);
      element.value = value;
    }
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** JSON as indented text, for a <pre>: shown, never interpreted. */
export function jsonText(value) {
  return JSON.stringify(value, null, 2);
}

/** Seconds as "42 s", "3 min", "2 h". */
export function age(seconds) {
  if (seconds === undefined || seconds === null) return '—';
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

/** A form's fields by name, as strings. */
export function fields(form) {
  return Object.fromEntries(new FormData(form).entries());
}

/** Parses JSON typed by the user, naming the field in the error. */
export function parseJson(text, what) {
  if (!text || !text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${what} is not valid JSON: ${error.message}`);
  }
}
