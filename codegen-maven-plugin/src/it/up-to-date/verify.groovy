// Runs the same project again with the Maven that runs this build: unchanged input writes
// nothing; a changed schema or package regenerates and removes what no longer belongs, and
// another generator regenerates.
import java.nio.file.Files
import java.nio.file.attribute.FileTime

def mvn(String... args) {
    def command = [new File(System.getProperty('maven.home'), 'bin/mvn').path, '-B', '-o'] + args.toList()
    def process = new ProcessBuilder(command).directory(basedir).redirectErrorStream(true).start()
    def output = process.inputStream.text
    assert process.waitFor() == 0 : "mvn ${args.join(' ')} failed:\n$output"
    return output
}

def out = new File(basedir, 'target/generated-sources/datastore4j')
def pkg = new File(out, 'com/example/notes/model')
def files = { dir -> dir.exists() ? dir.list().sort() : [] }
assert files(pkg) == ['DataStoreModels.java', 'Note.java', 'Notebook.java', 'Priority.java']

// Backdate everything, so that any rewrite shows even within the same second.
def past = FileTime.fromMillis(946684800000L)
pkg.listFiles().each { Files.setLastModifiedTime(it.toPath(), past) }
def stamps = { pkg.listFiles().collectEntries { [(it.name): Files.getLastModifiedTime(it.toPath())] } }

// 1. Nothing changed: nothing written.
def second = mvn('generate-sources')
assert second.contains('datastore4j: models are up to date')
assert stamps().values().every { it == past } : "files were rewritten: ${stamps()}"

// 2. Notebook removed from the schema: its file goes, changed files are rewritten, the rest stay.
def schema = new File(basedir, 'src/main/graphql/notes.graphql')
schema.text = schema.text.replaceAll(/(?s)"A notebook.*?\n}\n/, '').replace('  notebook: Notebook @belongsTo\n', '')
def third = mvn('generate-sources')
assert third.contains('datastore4j: generated 3 files for 1 model') && third.contains('removed 1 stale')
assert files(pkg) == ['DataStoreModels.java', 'Note.java', 'Priority.java']
assert stamps()['Priority.java'] == past : 'an unchanged file was rewritten'
assert stamps()['Note.java'] != past : 'a changed file was not rewritten'

// 3. Another package: the old package's files and folders go.
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('<packageName>com.example.notes.model</packageName>', '<packageName>com.example.renamed</packageName>')
def fourth = mvn('generate-sources')
assert fourth.contains('removed 3 stale')
assert files(new File(out, 'com/example/renamed')) == ['DataStoreModels.java', 'Note.java', 'Priority.java']
assert !new File(out, 'com/example/notes').exists()

// 4. The same schema and options, another generator: here the plugin given one more dependency. A
// new version of the plugin or of one of its dependencies, or a SNAPSHOT of it rebuilt under the
// same version, is another generator too (GeneratorIdentityTest).
assert mvn('generate-sources').contains('datastore4j: models are up to date')
def runtime = (pom.text =~ /(?s)<dependency>\s*<groupId>dev\.datastore4j<\/groupId>\s*<artifactId>datastore4j-runtime<\/artifactId>.*?<\/dependency>/)[0]
pom.text = pom.text.replace('</executions>', "</executions>\n        <dependencies>$runtime</dependencies>")
def fifth = mvn('generate-sources')
assert fifth.contains('datastore4j: generated 3 files for 1 model') : fifth
return true
