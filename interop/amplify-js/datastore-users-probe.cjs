// Amplify's DataStore against a running `datastore4j serve` for the todo schema (TLS, a JWT
// secret): three users, each on a device of their own, and what the schema's @auth rules let each
// sync and do. Ana owns a list shared through its `editors` field with the group Helpers, and a
// todo in it with a private note; Ed is a Helper, Ada an Admin. Prints one line per check; exits 1
// with what differed.
//
// Usage: node datastore-users-probe.cjs <endpoint> <jwt secret> <schema file>
'use strict';
const { act, graphqlClient, probe, startDevice, tokenFor, until } = require('./datastore-device.cjs');

const [endpoint, secret, schemaFile] = process.argv.slice(2);
const run = Date.now().toString(36);

probe(async ({ check, noSyncErrors, device }) => {
  const anasToken = tokenFor(secret, 'ana');
  const ana = await startDevice(endpoint, schemaFile, { token: anasToken });
  const onAna = (message) => act(ana, message);
  const list = await onAna({ op: 'create', model: 'TodoList', values: { title: `chores ${run}`, editors: ['Helpers'] } });
  const todo = await onAna({ op: 'create', model: 'Todo',
    values: { listId: list.id, description: `wash ${run}`, done: false, privateNote: 'only mine' } });
  await onAna({ op: 'outboxEmpty' });

  const ed = await device(endpoint, schemaFile, { token: tokenFor(secret, 'ed', ['Helpers']) });
  const ada = await device(endpoint, schemaFile, { token: tokenFor(secret, 'ada', ['Admin']) });
  const edsLists = await ed.ask({ op: 'query', model: 'TodoList' });
  check('a Helper syncs the list shared with Helpers (a dynamic group), and none of its owner\'s todos',
    edsLists.some((l) => l.id === list.id) && !(await ed.ask({ op: 'query', model: 'Todo' })).some((t) => t.id === todo.id));
  const adasTodo = await ada.ask({ op: 'get', model: 'Todo', id: todo.id });
  check('an Admin syncs the list and the todo, without the todo\'s private note (an owner-only field)',
    adasTodo?.description === todo.description && adasTodo.privateNote === null
    && !!(await ada.ask({ op: 'get', model: 'TodoList', id: list.id })));

  await ed.ask({ op: 'update', model: 'TodoList', id: list.id, values: { title: `chores, by ed ${run}` } });
  await ed.ask({ op: 'outboxEmpty' });
  check('the Helper renames the list, as its editors may, and the owner\'s device hears of it',
    await until('Ana to hear of the rename', async () =>
      (await onAna({ op: 'get', model: 'TodoList', id: list.id }))?.title === `chores, by ed ${run}`).catch(() => false));

  const edsErrors = async () => (await ed.ask({ op: 'events' })).filter((e) => e.event === 'error');
  await ed.ask({ op: 'delete', model: 'TodoList', id: list.id });
  await until('Ed to be told', async () => (await edsErrors()).length > 0).catch(() => false);
  const kept = (await graphqlClient(endpoint, { token: anasToken })('query($id: ID!) { getTodoList(id: $id) { _deleted } }',
    { id: list.id })).getTodoList;
  check('the Helper may not delete the list: the server refuses, the list stays, and DataStore tells the app',
    kept && kept._deleted !== true && (await edsErrors()).some((e) => e.data.errorType === 'Unauthorized'));

  await onAna({ op: 'update', model: 'Todo', id: todo.id, values: { done: true } });
  await onAna({ op: 'outboxEmpty' });
  check('the owner\'s change to the todo reaches the Admin\'s device, the private note still hidden',
    await until('Ada to hear of it', async () => {
      const seen = await ada.ask({ op: 'get', model: 'Todo', id: todo.id });
      return seen?.done === true && seen.privateNote === null;
    }).catch(() => false));

  noSyncErrors(ana.events, await ada.ask({ op: 'events' }));
});
