// One device running Amplify's DataStore (the sync engine of its JavaScript library) against a
// `datastore4j serve`, for the DataStore probes: the models DataStore is given are generated from
// the server's schema by Amplify's own code generator (what `amplify codegen models` writes), and
// DataStore keeps its records in IndexedDB, as in a browser. A probe runs one device in its own
// process and asks others, each a process of this file, to act through `device(...)`.
'use strict';
require('fake-indexeddb/auto'); // Node has no IndexedDB of its own
// Nor a window, which is what DataStore watches to know whether the device is online (without
// one it takes itself to be online for good): a stand-in, whose `offline` and `online` events
// the probes send as a browser does when its network goes and comes back.
const network = new EventTarget();
network.navigator = { onLine: true };
globalThis.window = network;
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { fork } = require('node:child_process');
const WebSocket = require('ws');
const { Amplify } = require('aws-amplify');
const { DataStore, initSchema, syncExpression } = require('aws-amplify/datastore');
const { Hub } = require('aws-amplify/utils');
const { decodeJWT } = require('@aws-amplify/core');

globalThis.WebSocket = WebSocket; // Node 20 has none of its own

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what, test, ms = 15000) {
  for (const end = Date.now() + ms; Date.now() < end; await pause(100)) {
    if (await test()) return true;
  }
  throw new Error(`waited ${ms} ms for: ${what}`);
}

/**
 * An HS256 token for a user, carrying what Cognito's ID tokens do (`sub`, `cognito:username` and
 * `cognito:groups`), valid for 15 minutes.
 */
function tokenFor(secret, username, groups = []) {
  const base64url = (object) => Buffer.from(JSON.stringify(object)).toString('base64url');
  const unsigned = base64url({ alg: 'HS256', typ: 'JWT' }) + '.' + base64url({
    sub: `${username}-sub`, 'cognito:username': username, 'cognito:groups': groups, exp: Math.floor(Date.now() / 1000) + 900,
  });
  return unsigned + '.' + crypto.createHmac('sha256', secret).update(unsigned).digest('base64url');
}

/**
 * A client of the server beside the devices: a function running a GraphQL request against
 * `endpoint` with `auth` (`{ token }` or `{ apiKey }`), which returns its `data` and throws on errors.
 */
function graphqlClient(endpoint, auth) {
  const credentials = auth.token ? { authorization: auth.token } : { 'x-api-key': auth.apiKey };
  return async (query, variables) => {
    const response = await fetch(endpoint, { method: 'POST', body: JSON.stringify({ query, variables }),
      headers: { 'content-type': 'application/json', ...credentials } });
    const body = await response.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
}

/** Amplify's JavaScript model schema for `schemaFile`, from its own generator. */
async function amplifyModels(schemaFile) {
  const { parse } = require('graphql');
  const { codegen } = require('@graphql-codegen/core');
  const modelgen = require('@aws-amplify/appsync-modelgen-plugin');
  const { DefaultDirectives } = require('@aws-amplify/graphql-directives');
  const config = {
    target: 'javascript', directives: DefaultDirectives.map((d) => d.definition).join('\n'),
    isDataStoreEnabled: true, isTimestampFieldsAdded: true, emitAuthProvider: true, generateIndexRules: true,
    handleListNullabilityTransparently: true, usePipelinedTransformer: true, transformerVersion: 2,
    respectPrimaryKeyAttributesOnConnectionField: true, improvePluralization: false,
    generateModelsForLazyLoadAndCustomSelectionSet: true, overrideOutputDir: '',
  };
  const sections = await modelgen.preset.buildGeneratesSection({
    schema: parse(fs.readFileSync(schemaFile, 'utf8')), baseOutputDir: '', config,
    presetConfig: { overrideOutputDir: '', target: 'javascript' }, plugins: [{ appSyncLocalCodeGen: {} }],
    pluginMap: { appSyncLocalCodeGen: modelgen }, documents: [],
  });
  const section = sections.find((s) => path.basename(s.filename) === 'schema.js');
  const source = await codegen(section); // `export const schema = {...};`
  return vm.runInNewContext('(' + source.replace(/^[\s\S]*?export const schema =/, '').replace(/;\s*$/, '') + ')');
}

/**
 * Starts DataStore on this process for the server at `endpoint` serving `schemaFile`, signed in
 * with `auth`: `{ token }` (an OIDC token, as an app signed in with Cognito has) or `{ apiKey }`.
 * `settings` may set DataStore's `syncPageSize`, and `syncWhere: { Model: [field, operator, value] }`
 * for its sync expressions (the records of Model it syncs and hears of). Returns what `act` needs.
 */
async function startDevice(endpoint, schemaFile, auth, settings = {}) {
  if (auth.token) {
    Amplify.configure(
      { API: { GraphQL: { endpoint, region: 'us-east-1', defaultAuthMode: 'oidc' } } },
      { Auth: { tokenProvider: { getTokens: async () => ({ accessToken: decodeJWT(auth.token), idToken: decodeJWT(auth.token) }) } } },
    );
  } else {
    Amplify.configure({ API: { GraphQL: { endpoint, region: 'us-east-1', defaultAuthMode: 'apiKey', apiKey: auth.apiKey } } });
  }
  const schema = await amplifyModels(schemaFile);
  const models = initSchema(schema);
  // DataStore's own choice of storage reads `window` in Node; IndexedDB is what a browser app gets
  const IndexedDBAdapter = require(path.join(path.dirname(require.resolve('@aws-amplify/datastore')),
    'storage', 'adapter', 'IndexedDBAdapter.js')).default;
  // schema: Amplify's model schema; writes: saves and deletes made, each queueing a mutation
  const device = { schema, models, events: [], writes: 0 };
  const { syncWhere = {}, ...configuration } = settings;
  const syncExpressions = Object.entries(syncWhere).map(([model, [field, operator, value]]) =>
    syncExpression(models[model], () => (record) => record[field][operator](value)));
  DataStore.configure({
    storageAdapter: IndexedDBAdapter, errorHandler: (e) => device.events.push({ event: 'error', data: e }),
    syncExpressions, ...configuration,
  });
  Hub.listen('datastore', ({ payload }) => device.events.push(payload));
  await start(device);
  return device;
}

/**
 * Starts (or restarts) syncing, and waits until DataStore has synced and subscribed: at most 30 s,
 * since DataStore itself waits for ever for a server it cannot reach.
 */
async function start(device) {
  const from = device.events.length;
  const started = DataStore.start();
  await until('DataStore ready', () => device.events.slice(from).some((e) => e.event === 'ready'), 30000).catch((e) => {
    throw new Error(`${e.message}; it said: ${JSON.stringify(device.events.slice(from).map((event) => event.event))}`);
  });
  await started;
}

const plain = (record) => record && JSON.parse(JSON.stringify(record));

/**
 * What a probe asks of a device: `{ op, model, id, values, field }`, `id` a record's id or, for a
 * composite key, an object of its key fields. Records come back as plain objects.
 */
async function act(device, { op, model, id, values, field }) {
  const type = device.models[model];
  const stored = () => find(device, model, id);
  const written = (record) => { device.writes += 1; return plain(record); };
  switch (op) {
    case 'query': return (await DataStore.query(type)).map(plain);
    case 'get': return plain(await DataStore.query(type, id));
    case 'create': return written(await DataStore.save(new type(await related(device, values))));
    case 'update': // as Amplify asks: on the record as stored now, never on one a save returned
      return written(await DataStore.save(type.copyOf(await stored(), (draft) => Object.assign(draft, values))));
    case 'delete': return written(await DataStore.delete(await stored()));
    case 'related': { // a relationship read as an app reads it: a record, or the records of a list
      const value = await (await stored())[field];
      return value && typeof value.toArray === 'function' ? (await value.toArray()).map(plain) : plain(value);
    }
    case 'offline': case 'online': // DataStore stops syncing, its writes waiting in the outbox, and starts again
      network.navigator.onLine = op === 'online';
      network.dispatchEvent(new Event(op));
      return null;
    case 'stop': await DataStore.stop(); return null; // any later query or save starts it again
    case 'start': await start(device); return null;
    case 'outboxEmpty': return until('the outbox to empty', async () => { // of every write made so far
      const queued = device.events.filter((e) => e.event === 'outboxMutationEnqueued');
      const last = device.events.findLastIndex((e) => e.event === 'outboxMutationEnqueued');
      return queued.length >= device.writes
        && device.events.slice(last + 1).some((e) => e.event === 'outboxStatus' && e.data.isEmpty);
    }, 40000);
    case 'events': return device.events.map((e) => ({ event: e.event, data: plain(e.data) }));
    default: throw new Error('no such op ' + op);
  }
}

/** The record of `model` with key `id` as this device has it. */
async function find(device, model, id) {
  const found = await DataStore.query(device.models[model], id);
  if (!found) throw new Error(`${model} ${JSON.stringify(id)} is not on this device`);
  return found;
}

/** `values` with each `{ $model, $id }` replaced by that record as this device has it, for a relationship field. */
async function related(device, values) {
  const resolved = {};
  for (const [name, value] of Object.entries(values)) {
    resolved[name] = value && value.$model ? await find(device, value.$model, value.$id) : value;
  }
  return resolved;
}

/** Another device, in a process of its own: `ask(message)` runs `act` there. */
async function device(endpoint, schemaFile, auth, settings = {}) {
  const child = fork(__filename, [endpoint, schemaFile, JSON.stringify(auth), JSON.stringify(settings)], { stdio: 'inherit' });
  const replies = new Map();
  let exited = false;
  child.on('message', (m) => replies.set(m.ask ?? 'ready', m));
  child.on('exit', () => { exited = true; });
  const answer = async (ask, what) => {
    await until(what, () => replies.has(ask) || exited, 60000);
    if (!replies.has(ask)) throw new Error(`the other device ended before ${what}`);
    return replies.get(ask);
  };
  const started = await answer('ready', 'it started');
  if (started.error) throw new Error('the other device did not start: ' + started.error);
  let asked = 0;
  return {
    async ask(message) {
      const ask = ++asked;
      child.send({ ...message, ask });
      const reply = await answer(ask, `it answered ${message.op}`);
      if (reply.error) throw new Error('the other device: ' + reply.error);
      return reply.value;
    },
    close() { child.kill(); },
  };
}

/**
 * Runs a probe, `body({ check, noSyncErrors, device })`, and exits 1 when any check failed. A check
 * prints one line, `ok` or `FAIL`; `noSyncErrors(...eventLists)` is the last check, that no
 * device (each list a device's `events`) reported an error to DataStore's error handler; `device`
 * starts another device as `device` above does, and closes it when the probe ends. An exception
 * that cuts the probe short fails a check of its own.
 */
async function probe(body) {
  const failures = [];
  // `seen`, what a failed check found, is printed with it, to tell what went wrong in a run that cannot be repeated
  const check = (what, ok, seen) => {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
    if (!ok) {
      failures.push(what);
      if (seen !== undefined) console.log(`     saw: ${JSON.stringify(seen).slice(0, 2000)}`);
    }
  };
  const noSyncErrors = (...eventLists) => {
    const errors = eventLists.flat().filter((e) => e.event === 'error');
    check('no device reported a sync error', errors.length === 0);
    if (errors.length) console.log(JSON.stringify(errors, null, 1).slice(0, 3000));
  };
  const others = [];
  const another = async (...args) => { const started = await device(...args); others.push(started); return started; };
  try {
    await body({ check, noSyncErrors, device: another });
  } catch (e) {
    check(`the probe ran to its end (${e && e.message})`, false);
  } finally {
    others.forEach((other) => other.close());
  }
  process.exit(failures.length ? 1 : 0);
}

if (require.main === module) { // a device of its own, told what to do by the probe that started it
  const [endpoint, schemaFile, auth, settings] = process.argv.slice(2);
  startDevice(endpoint, schemaFile, JSON.parse(auth), JSON.parse(settings)).then((self) => {
    process.send({ ready: true });
    process.on('message', async (message) => {
      try {
        process.send({ ask: message.ask, value: await act(self, message) });
      } catch (e) {
        process.send({ ask: message.ask, error: String(e && e.stack || e) });
      }
    });
  }, (e) => process.send({ ready: true, error: String(e && e.stack || e) }, () => process.exit(1)));
}

module.exports = { act, graphqlClient, probe, startDevice, tokenFor, until };
