// The build passed: module-info.java compiled against the generated models and the runtime, and
// the tests ran on the module path (ShelfTest checks the module names).
def log = new File(basedir, 'build.log').text
assert log.contains('datastore4j: generated 4 files for 2 models')
assert log =~ /(?m)Tests run: 3, Failures: 0, Errors: 0, Skipped: 0\r?$/
return true
