package dev.datastore4j.query;

/** The comparison operators of AppSync filter inputs, by their GraphQL names. */
public enum Operator {
    EQ("eq"),
    NE("ne"),
    LT("lt"),
    LE("le"),
    GT("gt"),
    GE("ge"),
    BETWEEN("between"),
    BEGINS_WITH("beginsWith"),
    CONTAINS("contains"),
    NOT_CONTAINS("notContains"),
    ATTRIBUTE_EXISTS("attributeExists");

    private final String graphQlName;

    Operator(String graphQlName) {
        this.graphQlName = graphQlName;
    }

    public String graphQlName() {
        return graphQlName;
    }
}
