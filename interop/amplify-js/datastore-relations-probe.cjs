// Amplify's DataStore against a running `datastore4j serve` for the relations schema (an API
// key): every way a relationship finds its records, on composite keys. Device A saves records of
// each kind through DataStore; device B, started afterwards, base-syncs and reads each
// relationship back as an app does, so the key fields both sides name (those Amplify's generator
// adds, such as a join model's `courseterm`) travel between them through the server intact.
// Prints one line per check; exits 1 with what differed.
//
// Usage: node datastore-relations-probe.cjs <endpoint> <api key> <schema file>
'use strict';
const { act, graphqlClient, probe, startDevice } = require('./datastore-device.cjs');

const [endpoint, apiKey, schemaFile] = process.argv.slice(2);
const run = Date.now().toString(36); // keys of this run, apart from what earlier runs left
const ref = ($model, $id) => ({ $model, $id });

probe(async ({ check, noSyncErrors, device }) => {
  const a = await startDevice(endpoint, schemaFile, { apiKey });
  const onA = (message) => act(a, message);
  const create = (model, values) => onA({ op: 'create', model, values });

  const album = { artist: `Nina ${run}`, title: 'Blue' };
  await create('Album', album);
  const track = await create('Track', { name: 'One', album: ref('Album', album) });
  const playlist = { owner: `ana ${run}`, name: 'Mix' };
  await create('Playlist', playlist);
  const entry = await create('Entry', { position: 1, playlist: ref('Playlist', playlist) });
  const desk = { building: `B ${run}`, number: 7 };
  await create('Desk', desk);
  const lamp = { serial: `L ${run}`, model: 'Arc' };
  await create('Lamp', { ...lamp, desk: ref('Desk', desk) });
  const engine = { maker: `Fiat ${run}`, code: 'F1' };
  await create('Engine', engine);
  await create('Car', { vin: `V ${run}`, engineMaker: engine.maker, engineCode: engine.code });
  const course = { code: `C ${run}`, term: '2026' };
  await create('Course', course);
  const student = { id: `S ${run}`, name: 'Ana' };
  await create('Student', student);
  await create('Enrollment', { course: ref('Course', course), student: ref('Student', student) });
  const shelf = { room: `R ${run}`, position: 3 };
  await create('Shelf', shelf);
  await create('Book', { title: 'Dune', shelfRoom: shelf.room, shelfPosition: shelf.position });
  const payer = await create('Account', { holder: `payer ${run}` });
  const payee = await create('Account', { holder: `payee ${run}` });
  await create('Transfer', { amount: 5, senderId: payer.id, recipientId: payee.id });
  await onA({ op: 'outboxEmpty' });

  const b = await device(endpoint, schemaFile, { apiKey });
  const related = (model, id, field) => b.ask({ op: 'related', model, id, field });
  const tracked = await related('Track', track.id, 'album');
  check('a track finds its album by the composite key fields Amplify adds (belongs-to)',
    tracked?.artist === album.artist && tracked?.title === album.title);
  check('... and the album its tracks (implicit has-many)',
    (await related('Album', album, 'tracks')).map((t) => t.id).join() === track.id);
  check('a playlist finds its entries through their index on both key fields, and an entry its playlist',
    (await related('Playlist', playlist, 'entries')).map((e) => e.id).join() === entry.id
    && (await related('Entry', entry.id, 'playlist'))?.name === playlist.name);
  check('a lamp finds its desk (belongs-to a composite key)', (await related('Lamp', lamp, 'desk'))?.number === desk.number);
  check('a car finds the engine its own fields name (has-one by fields)',
    (await related('Car', `V ${run}`, 'engine'))?.code === engine.code);
  const enrolled = await related('Student', student, 'courses');
  check('a student finds her course through the join model, its keys named as Amplify names them (courseCode, courseterm)',
    enrolled.length === 1 && enrolled[0].courseCode === course.code && enrolled[0].courseterm === course.term
    && (await b.ask({ op: 'get', model: 'Course', id: course }))?.code === course.code);
  check('a shelf finds its books by references', (await related('Shelf', shelf, 'books')).map((x) => x.title).join() === 'Dune');
  check('two relationships to one model: the payer sent the transfer and the payee received it',
    (await related('Account', payer.id, 'sent')).length === 1 && (await related('Account', payer.id, 'received')).length === 0
    && (await related('Account', payee.id, 'received')).length === 1);

  // deleting the album on B takes its track, on the server too
  await b.ask({ op: 'delete', model: 'Album', id: album });
  await b.ask({ op: 'outboxEmpty' });
  const data = await graphqlClient(endpoint, { apiKey })('query($artist: String!, $title: String!, $track: ID!) {'
    + ' getAlbum(artist: $artist, title: $title) { _deleted } getTrack(id: $track) { _deleted } }', { ...album, track: track.id });
  check('deleting the album on device B leaves tombstones of it and its track on the server',
    data?.getAlbum?._deleted === true && data?.getTrack?._deleted === true);

  noSyncErrors(a.events, await b.ask({ op: 'events' }));
});
