// The build failed once, after logging every diagnostic with its location, source line and hint.
def log = new File(basedir, 'build.log').text
def expected = '''\
[ERROR] src/main/graphql/notes.graphql:6:11: error[unknown-directive]: unknown directive @modle
[ERROR]     6 | type Note @modle {
[ERROR]       |           ^^^^^^
[ERROR]   hint: did you mean @model?
'''
assert log.contains(expected) : "expected in the log:\n$expected"
// the misspelt @model is one error; the type is still checked as a model (the real mistake on line 9)
assert log.contains('[ERROR] src/main/graphql/notes.graphql:9:22: error[belongs-to-without-parent]')
def summaries = log.readLines().findAll { it.contains('schema is invalid') }
assert summaries.size() == 1 : "the failure summary should appear once: $summaries"
assert summaries[0].contains('datastore4j: schema is invalid: 2 errors (each is logged above with its location)')
assert !new File(basedir, 'target/generated-sources/datastore4j').exists() : 'nothing is generated from an invalid schema'
return true
