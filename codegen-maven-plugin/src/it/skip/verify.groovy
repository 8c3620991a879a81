def log = new File(basedir, 'build.log').text
assert log.contains('datastore4j: skipped')
assert !new File(basedir, 'target/generated-sources/datastore4j').exists()
return true
