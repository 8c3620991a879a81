// Amplify's DataStore against a running `datastore4j serve` for any schema, a server taking every
// request: one device saves a record of each model with every field set that an app may set
// (each scalar type in the form DataStore sends it, quotes and accents in text, enums, lists,
// non-model objects, and a belongs-to pointing at a record saved before), and a second device,
// started afterwards, base-syncs and reads each back. Prints one line per model, each `ok` only
// when every field came back as it was saved; exits 1 with what differed.
//
// Usage: node datastore-every-model-probe.cjs <endpoint> <schema file>
'use strict';
const { act, probe, startDevice } = require('./datastore-device.cjs');

const [endpoint, schemaFile] = process.argv.slice(2);
const auth = { apiKey: 'da2-unchecked' }; // the server takes every request
let unique = 0;
const SCALARS = {
  ID: () => `id ${++unique}`,
  String: () => `"quoted" ünïcödé ${++unique}`,
  Int: () => 42,
  Float: () => 1.5,
  Boolean: () => true,
  AWSDate: () => '2026-11-27',
  AWSTime: () => '12:34:56.789Z',
  AWSDateTime: () => '2026-11-27T12:34:56.789Z',
  AWSTimestamp: () => 1795795000,
  AWSEmail: () => 'ana@example.com',
  AWSJSON: () => JSON.stringify({ list: [1, 'two'], nested: { yes: true } }),
  AWSURL: () => 'https://example.com/a?b=c',
  AWSPhone: () => '+14155550100',
  AWSIPAddress: () => '127.0.0.1',
};
const METADATA = ['createdAt', 'updatedAt', '_version', '_lastChangedAt', '_deleted'];

probe(async ({ check, noSyncErrors, device }) => {
  const a = await startDevice(endpoint, schemaFile, auth);
  const { schema } = a;
  const keyOf = (model, record) => {
    const primary = schema.models[model].attributes.find((x) => x.type === 'key' && !x.properties.name);
    const fields = primary?.properties.fields ?? ['id'];
    return fields.length === 1 ? record[fields[0]] : Object.fromEntries(fields.map((k) => [k, record[k]]));
  };
  const saved = {};
  /** Values for `fields`; null while a belongs-to's model has no saved record yet. */
  const fill = (fields, depth) => {
    const foreignKeys = Object.values(fields).filter((f) => f.association?.connectionType === 'BELONGS_TO')
      .flatMap((f) => f.association.targetNames ?? []);
    const values = {};
    for (const field of Object.values(fields)) {
      if (field.isReadOnly || foreignKeys.includes(field.name) || (depth > 1 && !field.isRequired)) continue;
      if (field.association) { // DataStore sets the foreign keys from the record given
        if (field.association.connectionType === 'BELONGS_TO') {
          const parent = saved[field.type.model];
          if (!parent) return null;
          values[field.name] = { $model: field.type.model, $id: keyOf(field.type.model, parent) };
        }
        continue;
      }
      const one = typeof field.type === 'string' ? SCALARS[field.type]
        : field.type.enum ? () => schema.enums[field.type.enum].values[0]
          : () => fill(schema.nonModels[field.type.nonModel].fields, depth + 1);
      values[field.name] = field.isArray ? [one()] : one();
    }
    return values;
  };
  const models = Object.keys(schema.models);
  for (let round = 0; round < models.length && Object.keys(saved).length < models.length; round++) {
    for (const model of models.filter((m) => !saved[m])) { // parents before the records that belong to them
      const values = fill(schema.models[model].fields, 0);
      if (values) saved[model] = await act(a, { op: 'create', model, values });
    }
  }
  await act(a, { op: 'outboxEmpty' });

  const b = await device(endpoint, schemaFile, auth);
  for (const model of models) {
    const sent = saved[model];
    const read = sent && await b.ask({ op: 'get', model, id: keyOf(model, sent) });
    const differences = !sent ? ['it could not be saved (a belongs-to with no record to point at)']
      : !read ? ['the second device does not have it']
        : Object.entries(sent).filter(([k, v]) => !METADATA.includes(k) && v !== null
          && JSON.stringify(read[k]) !== JSON.stringify(v)).map(([k, v]) => `${k}: saved ${JSON.stringify(v)}, read ${JSON.stringify(read[k])}`);
    check(`${model}: every field read back on another device as saved${differences.length ? ` (${differences.join('; ')})` : ''}`,
      differences.length === 0);
  }
  noSyncErrors(a.events, await b.ask({ op: 'events' }));
});
