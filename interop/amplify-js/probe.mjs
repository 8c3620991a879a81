// Amplify's own JavaScript client against a running `datastore4j serve` (blog schema, TLS, an API
// key and an HS256 secret): what an app does, checked. Exits 1 with what differed.
import WebSocket from 'ws';
import crypto from 'node:crypto';
import { Amplify } from 'aws-amplify';
import { generateClient } from 'aws-amplify/api';
import { Hub } from 'aws-amplify/utils';

globalThis.WebSocket = WebSocket; // Node 20 has none of its own
const [endpoint, apiKey, secret] = process.argv.slice(2);
const failures = [];
const check = (what, ok) => { console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); if (!ok) failures.push(what); };
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const base64url = (object) => Buffer.from(JSON.stringify(object)).toString('base64url');
const unsigned = base64url({ alg: 'HS256', typ: 'JWT' }) + '.'
  + base64url({ sub: 'ana-sub', 'cognito:username': 'ana', exp: Math.floor(Date.now() / 1000) + 600 });
const token = unsigned + '.' + crypto.createHmac('sha256', secret).update(unsigned).digest('base64url');
const asAna = { authMode: 'lambda', authToken: token }; // Amplify sends the token as Authorization

Amplify.configure({ API: { GraphQL: { endpoint, region: 'us-east-1', defaultAuthMode: 'apiKey', apiKey } } });
const client = generateClient();
const heard = { ana: [], key: [], owner: [], filtered: [] };
const errors = [];
let acknowledged = 0; // subscriptions the server has answered with start_ack
Hub.listen('api', ({ payload }) => { if (payload.event === 'Subscription ack') acknowledged += 1; });
const subscriptions = [
  client.graphql({ query: 'subscription { onCreatePost { id title owner } }', ...asAna })
    .subscribe({ next: (e) => heard.ana.push(e.data.onCreatePost), error: (e) => errors.push(e) }),
  client.graphql({ query: 'subscription { onCreatePost { id title } }' })
    .subscribe({ next: (e) => heard.key.push(e.data.onCreatePost), error: (e) => errors.push(e) }),
  // as DataStore subscribes under an owner rule: with the owner argument, in variables
  client.graphql({ query: 'subscription ($owner: String) { onCreatePost(owner: $owner) { id owner } }',
    variables: { owner: 'ana-sub::ana' }, ...asAna })
    .subscribe({ next: (e) => heard.owner.push(e.data.onCreatePost), error: (e) => errors.push(e) }),
  client.graphql({ query: 'subscription { onCreatePost(filter: {title: {beginsWith: "nobody"}}) { id } }', ...asAna })
    .subscribe({ next: (e) => heard.filtered.push(e.data.onCreatePost), error: (e) => errors.push(e) }),
];
for (let waited = 0; waited < 10000 && acknowledged < subscriptions.length; waited += 50) {
  await pause(50);
}
check('the server acknowledged all four subscriptions before any post was made', acknowledged === subscriptions.length);

const created = (await client.graphql({
  query: 'mutation { createPost(input: {title: "by ana", status: DRAFT}) { id owner _version } }', ...asAna,
})).data.createPost;
check('a user creates a post she owns, version 1', created.owner === 'ana-sub::ana' && created._version === 1);
let refused = null;
try {
  await client.graphql({ query: 'mutation { createPost(input: {title: "by key", status: DRAFT}) { id } }' });
} catch (e) {
  refused = e.errors?.[0]?.errorType;
}
check(`an API key may read posts but not create them (got ${refused})`, refused === 'Unauthorized');
const synced = (await client.graphql({
  query: 'query { syncPosts(lastSync: 0) { items { id _version _deleted _lastChangedAt } startedAt nextToken } }',
})).data.syncPosts;
check('a base sync returns the post with its sync metadata',
  synced.items.length === 1 && synced.items[0].id === created.id && synced.items[0]._lastChangedAt > 0
    && synced.startedAt > 0 && synced.nextToken === null);
const updated = (await client.graphql({
  query: `mutation { updatePost(input: {id: "${created.id}", title: "edited", _version: 1}) { title _version } }`, ...asAna,
})).data.updatePost;
check('an update with the current version makes version 2', updated.title === 'edited' && updated._version === 2);
const stale = (await client.graphql({
  query: `mutation { updatePost(input: {id: "${created.id}", title: "stale", content: "merged", _version: 1})
    { title content _version } }`, ...asAna,
})).data.updatePost;
check('a stale update is merged (automerge): version 3, the stored title kept, the empty content filled',
  stale._version === 3 && stale.title === 'edited' && stale.content === 'merged');
const deleted = (await client.graphql({
  query: `mutation { deletePost(input: {id: "${created.id}", _version: 3}) { id _deleted _version } }`, ...asAna,
})).data.deletePost;
check('a delete leaves a tombstone, version 4', deleted._deleted === true && deleted._version === 4);
let conflict = null;
try {
  await client.graphql({
    query: `mutation { updatePost(input: {id: "${created.id}", title: "offline edit", _version: 3}) { id } }`, ...asAna,
  });
} catch (e) {
  conflict = e.errors?.[0];
}
check(`an update of the deleted post is a conflict carrying its tombstone (got ${conflict?.errorType})`,
  conflict?.errorType === 'ConflictUnhandled' && conflict?.data?._deleted === true && conflict?.data?._version === 4);
const delta = (await client.graphql({
  query: `query { syncPosts(lastSync: ${synced.startedAt}) { items { id _deleted _version } startedAt } }`,
})).data.syncPosts;
check('a delta sync since the base sync returns the tombstone',
  delta.items.length === 1 && delta.items[0]._deleted === true && delta.items[0]._version === 4);
const back = (await client.graphql({
  query: `mutation { updatePost(input: {id: "${created.id}", title: "kept", _version: 4}) { title _deleted _version } }`,
  ...asAna,
})).data.updatePost;
check('sent again at the tombstone\'s version, as DataStore\'s default conflict handler does, the update brings it back',
  back.title === 'kept' && back._deleted === null && back._version === 5);

for (let waited = 0; waited < 5000 && (heard.ana.length === 0 || heard.key.length === 0 || heard.owner.length === 0);
  waited += 100) {
  await pause(100);
}
check('the user\'s subscription heard of her post', heard.ana.length === 1 && heard.ana[0].owner === 'ana-sub::ana');
check('the API key\'s subscription heard of it too (public read)', heard.key.length === 1 && heard.key[0].id === created.id);
check('a subscription with the owner argument heard of her post', heard.owner.length === 1 && heard.owner[0].id === created.id);
check('a subscription whose filter the post does not match heard nothing', heard.filtered.length === 0);
check(`no subscription failed ${errors.length ? JSON.stringify(errors).slice(0, 300) : ''}`, errors.length === 0);
subscriptions.forEach((subscription) => subscription.unsubscribe());
process.exit(failures.length === 0 ? 0 : 1);
