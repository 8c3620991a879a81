// The build passed (compile with -Xlint:all -Werror, tests). Check what the plugin left behind,
// and that the README's snippets are the ones this project uses.
def generated = new File(basedir, 'target/generated-sources/datastore4j/com/example/notes/model')
['Note.java', 'Notebook.java', 'Priority.java', 'DataStoreModels.java'].each {
    assert new File(generated, it).isFile() : "missing generated file $it"
}
def log = new File(basedir, 'build.log').text
assert log.contains('datastore4j: generated 4 files for 2 models')
assert log =~ /(?m)Tests run: 4, Failures: 0, Errors: 0, Skipped: 0\r?$/ // the models' tests and the store's, all run

def normalize = { String s -> s.replaceAll(/\s+/, ' ').trim() }
def readme = new File(basedir, '../../../../README.md').text
def section = readme.substring(readme.indexOf('## Use it in your Maven build'))
def snippets = (section =~ /(?s)```xml\n(.*?)```/).collect { it[1] }
assert snippets.size() == 2 : 'README: expected a <dependency> and a <plugin> snippet'
def pom = normalize(new File(basedir, 'pom.xml').text)
snippets.each { snippet ->
    assert pom.contains(normalize(snippet)) : "README snippet not in the invoker pom:\n$snippet"
}
return true
