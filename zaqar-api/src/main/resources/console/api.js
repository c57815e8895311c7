// The REST API as the browser calls it: same origin, with the identity the user chose. The
// console holds no privilege of its own; every request passes the API's auth and policy.

const STORAGE_KEY = 'zaqar-console-connection';

/** What identifies requests: mode 'noauth' (project, roles), 'keystone' (token) or 'signed' (share JSON). */
export function loadConnection() {
  let saved = {};
  try {
    saved = JSON.parse(localStorage.getItem(STORAGE_KEY)) || {};
  } catch {
    saved = {};
  }
  return {mode: 'noauth', project: '', roles: '', token: '', signed: '', clientId: uuid(), ...saved};
}

export function saveConnection(connection) {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(connection));
}

/** A random UUID; crypto.randomUUID exists only on https or localhost pages. */
function uuid() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map(b => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** An error answer, with Zaqar's title and description (or Keystone's message). */
export class ApiError extends Error {
  constructor(status, title, description) {
    super(`${status} ${title}${description ? ': ' + description : ''}`);
    this.status = status;
  }
}

function identityHeaders(connection) {
  const headers = {'Client-ID': connection.clientId};
  if (connection.mode === 'keystone') {
    headers['X-Auth-Token'] = connection.token;
  } else if (connection.mode === 'signed') {
    const share = JSON.parse(connection.signed || '{}');
    headers['URL-Signature'] = share.signature;
    headers['URL-Expires'] = share.expires;
    headers['URL-Methods'] = (share.methods || []).join(',');
    headers['URL-Paths'] = (share.paths || []).join(',');
    headers['X-Project-ID'] = share.project;
  } else {
    headers['X-Project-ID'] = connection.project;
    // Without Keystone, upstream takes the roles the client declares (admin for pools and flavors).
    if (connection.roles) headers['X-Roles'] = connection.roles;
  }
  return headers;
}

/** Calls the API; resolves to the JSON body (null when there is none), rejects with ApiError. */
export async function call(connection, method, path, body, contentType = 'application/json') {
  const headers = {...identityHeaders(connection), Accept: 'application/json'};
  const init = {method, headers};
  if (body !== undefined) {
    headers['Content-Type'] = contentType;
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!response.ok) {
    const error = json && json.error ? json.error : json || {};
    throw new ApiError(response.status, error.title || response.statusText, error.description || error.message || '');
  }
  return json;
}
