// Amplify's DataStore against a running `datastore4j serve` for the blog schema (TLS, a JWT
// secret): one user on three devices (datastore-device.cjs), beside a client that writes over
// plain GraphQL. Prints one line per check; exits 1 with what differed.
//
// A device goes offline as a browser tells DataStore it has (datastore-device.cjs); the network
// itself is not cut. Cutting it does not work in Node: DataStore there learns it is offline only
// when a request fails, and hands a mutation that fails so to the app's error handler instead of
// retrying it (Amplify v6 raises a NetworkError whose message DataStore's retry, looking for
// 'Network Error', does not know).
//
// Usage: node datastore-probe.cjs <endpoint> <jwt secret> <schema file> [<endpoint of the other devices>]
// (device A and the plain GraphQL client use the first endpoint; given a second, the other devices
// use it: another server on the same database, so that what one device writes reaches the others
// through the database)
'use strict';
const { act, graphqlClient, probe, startDevice, tokenFor, until } = require('./datastore-device.cjs');

const [endpoint, secret, schemaFile, otherEndpoint = endpoint] = process.argv.slice(2);
const token = tokenFor(secret, 'ana');
const gql = graphqlClient(endpoint, { token });
const serverPost = async (id) => (await gql(
  'query($id: ID!) { getPost(id: $id) { id title content rating status tags _version _deleted } }', { id })).getPost;
const run = Date.now().toString(36); // titles of this run, apart from what earlier runs left

probe(async ({ check, noSyncErrors, device }) => {
  // before either device starts: a post and its comment, and a post deleted again
  const seeded = (await gql('mutation($title: String!) { createPost(input: {title: $title}) { id } }',
    { title: `seeded ${run}` })).createPost;
  await gql('mutation($post: ID!) { createComment(input: {content: "seeded comment", postCommentsId: $post}) { id } }',
    { post: seeded.id });
  const gone = (await gql('mutation($title: String!) { createPost(input: {title: $title}) { id _version } }',
    { title: `gone ${run}` })).createPost;
  await gql('mutation($id: ID!, $v: Int!) { deletePost(input: {id: $id, _version: $v}) { id } }',
    { id: gone.id, v: gone._version });

  const a = await startDevice(endpoint, schemaFile, { token });
  const onA = (message) => act(a, message);
  const b = await device(otherEndpoint, schemaFile, { token });
  const onB = b.ask;

  const titles = async (ask) => (await ask({ op: 'query', model: 'Post' })).map((p) => p.title);
  let seen = await titles(onA);
  check('a base sync brings what the server holds, without what was deleted',
    seen.includes(`seeded ${run}`) && !seen.includes(`gone ${run}`));
  const comment = (await onA({ op: 'query', model: 'Comment' })).find((c) => c.postCommentsId === seeded.id);
  check('... with the relationship as the server keeps it (the comment names its post)', comment?.content === 'seeded comment');

  // a third device syncs only published posts, in pages of two: three published ones, and drafts
  for (const n of [1, 2, 3]) {
    await gql('mutation($title: String!) { createPost(input: {title: $title, status: PUBLISHED}) { id } }',
      { title: `published ${n} ${run}` });
  }
  const pages = await device(otherEndpoint, schemaFile, { token }, { syncPageSize: 2, syncWhere: { Post: ['status', 'eq', 'PUBLISHED'] } });
  const published = async () => (await gql('query { listPosts(filter: {status: {eq: PUBLISHED}}, limit: 1000) { items { id } } }'))
    .listPosts.items.map((p) => p.id).sort().join();
  const pagesPosts = async () => (await pages.ask({ op: 'query', model: 'Post' })).map((p) => p.id).sort().join();
  const synced = await pagesPosts();
  check('a device syncing only published posts, two a page, gets the server\'s published posts and no others',
    synced === await published() && synced.split(',').length >= 3);

  // a save on A reaches the server, and B through its subscription
  const post = await onA({ op: 'create', model: 'Post', values: { title: `hello ${run}`, rating: 1, status: 'PUBLISHED' } });
  await onA({ op: 'outboxEmpty' });
  let stored = await serverPost(post.id);
  check('a post saved on device A is on the server, at version 1',
    stored?.title === `hello ${run}` && stored._version === 1 && stored.status === 'PUBLISHED');
  check('... and reaches device B in real time',
    await until('B to hear of the post', async () => (await titles(onB)).includes(`hello ${run}`)).catch(() => false));

  check('... and the device syncing only published posts hears of it too',
    await until('the third device to hear of the post', async () => (await pagesPosts()).includes(post.id)).catch(() => false));

  // an update on B reaches A
  await onB({ op: 'update', model: 'Post', id: post.id, values: { title: `hello again ${run}` } });
  await onB({ op: 'outboxEmpty' });
  check('an update on device B reaches device A, at version 2',
    await until('A to hear of the update', async () => {
      const p = await onA({ op: 'get', model: 'Post', id: post.id });
      return p?.title === `hello again ${run}` && p._version === 2;
    }).catch(() => false));

  // both devices tag the same post at version 2, offline, so that neither hears of the other's:
  // B's update, reaching the server after A's, finds a version it no longer has, and is merged as
  // AppSync's Automerge does (lists are joined). They come back one after the other: when both
  // send at once, Amplify's DataStore sometimes keeps its own answer over the merged record
  // (6 of 230 rounds here: a subscription event that comes while the device's own mutation is in
  // flight is dropped, then the answer to that mutation, one version older, is applied), whatever
  // the order in which this server answers and announces the two writes (measured with
  // datastore-race.cjs)
  await Promise.all([onA({ op: 'offline' }), onB({ op: 'offline' })]);
  await onA({ op: 'update', model: 'Post', id: post.id, values: { tags: ['from A'] } });
  await onB({ op: 'update', model: 'Post', id: post.id, values: { tags: ['from B'] } });
  await onA({ op: 'online' });
  await onA({ op: 'outboxEmpty' });
  await onB({ op: 'online' });
  await onB({ op: 'outboxEmpty' });
  stored = await serverPost(post.id);
  check('both devices tagging one post offline: both tags on the server, merged (version 4)',
    stored?._version === 4 && [...stored.tags].sort().join() === 'from A,from B', stored);
  const converged = async (ask) => {
    const p = await ask({ op: 'get', model: 'Post', id: post.id });
    return p?._version === 4 && JSON.stringify(p.tags) === JSON.stringify(stored.tags);
  };
  const devicesPost = async () => ({ server: await serverPost(post.id), A: await onA({ op: 'get', model: 'Post', id: post.id }),
    B: await onB({ op: 'get', model: 'Post', id: post.id }) });
  check('... and both devices end with the merged post',
    await until('A and B to converge', async () => await converged(onA) && await converged(onB)).catch(() => false),
    await devicesPost());

  // A goes offline: its edit and a new post wait in its outbox while B renames the post; back
  // online, A's edit reaches the server merged with B's (a stale version: B's title stays, A's
  // content fills the empty field), and the new post reaches B
  await onA({ op: 'offline' });
  await onA({ op: 'update', model: 'Post', id: post.id, values: { content: `written offline ${run}` } });
  const offline = await onA({ op: 'create', model: 'Post', values: { title: `created offline ${run}`, status: 'PUBLISHED' } });
  await onB({ op: 'update', model: 'Post', id: post.id, values: { title: `renamed on B ${run}` } });
  await onB({ op: 'outboxEmpty' });
  stored = await serverPost(post.id);
  check('writes made offline wait on their device: the server has B\'s rename (version 5), not A\'s edit or post',
    stored?._version === 5 && stored.content === null && !(await serverPost(offline.id)), stored);
  await onA({ op: 'online' });
  await onA({ op: 'outboxEmpty' });
  stored = await serverPost(post.id);
  check('back online, A\'s offline edit reaches the server merged with B\'s rename (version 6)',
    stored?._version === 6 && stored.title === `renamed on B ${run}` && stored.content === `written offline ${run}`,
    await devicesPost());
  check('... and the post A created offline reaches device B',
    await until('B to hear of the offline post', async () => !!(await onB({ op: 'get', model: 'Post', id: offline.id })))
      .catch(() => false));
  const merged = async (ask) => {
    const p = await ask({ op: 'get', model: 'Post', id: post.id });
    return p?._version === 6 && p.title === stored.title && p.content === stored.content;
  };
  check('... and both devices end with the merged post',
    await until('A and B to converge', async () => await merged(onA) && await merged(onB)).catch(() => false),
    await devicesPost());

  // a device that was away catches up by a delta sync: a post created and one deleted meanwhile
  await onB({ op: 'stop' });
  await gql('mutation($title: String!) { createPost(input: {title: $title}) { id } }', { title: `meanwhile ${run}` });
  const seededNow = await serverPost(seeded.id);
  await gql('mutation($id: ID!, $v: Int!) { deletePost(input: {id: $id, _version: $v}) { id } }',
    { id: seeded.id, v: seededNow._version });
  const before = (await onB({ op: 'events' })).length;
  await onB({ op: 'start' });
  seen = await titles(onB);
  check('a device that was away catches up: the post created meanwhile there, the one deleted gone',
    seen.includes(`meanwhile ${run}`) && !seen.includes(`seeded ${run}`));
  const syncs = (await onB({ op: 'events' })).slice(before).filter((e) => e.event === 'modelSynced');
  check('... by a delta sync, not a base sync', syncs.length > 0 && syncs.every((e) => e.data.isDeltaSync));

  check('the device syncing only published posts has heard of none of the drafts written meanwhile',
    (await pages.ask({ op: 'query', model: 'Post' })).every((p) => p.status === 'PUBLISHED'));

  // a comment saved on A, then the post deleted on B: the delete takes the comment, everywhere
  const note = await onA({ op: 'create', model: 'Comment', values: { content: `note ${run}`, postCommentsId: post.id } });
  await onA({ op: 'outboxEmpty' });
  await until('B to hear of the comment', async () =>
    (await onB({ op: 'query', model: 'Comment' })).some((c) => c.id === note.id));
  await onB({ op: 'delete', model: 'Post', id: post.id });
  await onB({ op: 'outboxEmpty' });
  const tombstone = await serverPost(post.id);
  const noteOnServer = (await gql('query($id: ID!) { getComment(id: $id) { _deleted } }', { id: note.id })).getComment;
  check('deleting the post on device B deletes it and its comment on the server (tombstones)',
    tombstone?._deleted === true && noteOnServer?._deleted === true);
  check('... and on device A',
    await until('A to lose the post and comment', async () =>
      !(await onA({ op: 'get', model: 'Post', id: post.id }))
      && !(await onA({ op: 'query', model: 'Comment' })).some((c) => c.id === note.id)).catch(() => false));

  noSyncErrors(a.events, await onB({ op: 'events' }), await pages.ask({ op: 'events' }));
});
