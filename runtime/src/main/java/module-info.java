/**
 * The model API that generated models compile against, and the local store. An app that is a
 * module needs only {@code requires dev.datastore4j.runtime} (or {@code requires transitive}, when
 * it exports its models): the annotation on generated models comes with it at compile time.
 */
module dev.datastore4j.runtime {
    requires static transitive java.compiler; // @javax.annotation.processing.Generated, on every generated type
    requires com.fasterxml.jackson.databind;
    requires org.xerial.sqlitejdbc;

    exports dev.datastore4j.model;
    exports dev.datastore4j.query;
    exports dev.datastore4j.store;
}
