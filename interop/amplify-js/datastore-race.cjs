// Measures, round after round, whether two Amplify DataStore devices that tag one post offline and
// come back online end with the record the server merged their updates into. Not a check of the
// test suite: it measured what datastore-probe.cjs's tagging check relies on (session 31: coming
// back at once, 6 of 230 rounds left a device one version behind: 3 of 130 with the server as it
// is, 3 of 100 with it announcing writes after answering them; one after the other, 0 of 100).
//
// Run it by hand against a `datastore4j serve` for the blog schema with TLS and a JWT secret, from
// the folder AmplifyJsInteropTest installs the client into (codegen-cli/target/interop-amplify-js,
// after copying this file there), with NODE_EXTRA_CA_CERTS naming the server's certificate:
//
//   node datastore-race.cjs <endpoint> <jwt secret> <schema file> <rounds> [together|apart]
'use strict';
const { act, graphqlClient, probe, startDevice, tokenFor, until } = require('./datastore-device.cjs');

const [endpoint, secret, schemaFile, rounds, mode = 'together'] = process.argv.slice(2);
const token = tokenFor(secret, 'ana');
const gql = graphqlClient(endpoint, { token });

probe(async ({ check, device }) => {
  const a = await startDevice(endpoint, schemaFile, { token });
  const onA = (message) => act(a, message);
  const onB = (await device(endpoint, schemaFile, { token })).ask;
  let behind = 0;
  for (let round = 0; round < Number(rounds); round++) {
    const post = await onA({ op: 'create', model: 'Post', values: { title: `race ${round}`, status: 'PUBLISHED' } });
    await onA({ op: 'outboxEmpty' });
    await until('B to hear of the post', async () => !!(await onB({ op: 'get', model: 'Post', id: post.id })));
    await Promise.all([onA({ op: 'offline' }), onB({ op: 'offline' })]);
    await onA({ op: 'update', model: 'Post', id: post.id, values: { tags: ['from A'] } });
    await onB({ op: 'update', model: 'Post', id: post.id, values: { tags: ['from B'] } });
    if (mode === 'apart') {
      await onA({ op: 'online' });
      await onA({ op: 'outboxEmpty' });
      await onB({ op: 'online' });
      await onB({ op: 'outboxEmpty' });
    } else {
      await Promise.all([onA({ op: 'online' }), onB({ op: 'online' })]);
      await Promise.all([onA({ op: 'outboxEmpty' }), onB({ op: 'outboxEmpty' })]);
    }
    const server = (await gql('query($id: ID!) { getPost(id: $id) { _version tags } }', { id: post.id })).getPost;
    const holds = async (ask) => (await ask({ op: 'get', model: 'Post', id: post.id }))?._version === server._version;
    if (!(await until('A and B to converge', async () => await holds(onA) && await holds(onB), 5000).catch(() => false))) {
      behind++;
      const onDevice = async (ask) => {
        const p = await ask({ op: 'get', model: 'Post', id: post.id });
        return `v${p?._version} ${JSON.stringify(p?.tags)}`;
      };
      console.log(`round ${round}: server v${server._version} ${JSON.stringify(server.tags)};`
        + ` A ${await onDevice(onA)}; B ${await onDevice(onB)}`);
    }
  }
  console.log(`rounds that left a device behind the server: ${behind} of ${rounds} (${mode})`);
  check('every round ran', true);
});
