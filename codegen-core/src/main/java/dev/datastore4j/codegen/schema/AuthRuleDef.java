package dev.datastore4j.codegen.schema;

import java.util.List;
import java.util.Set;

/**
 * An {@code @auth} rule with Amplify's defaults applied. Strategy, provider and operation names are
 * the schema's own spellings ({@code owner}, {@code userPools}, {@code read}).
 */
public record AuthRuleDef(
        String allow,
        String provider,
        String ownerField,
        String identityClaim,
        String groupClaim,
        List<String> groups,
        String groupsField,
        List<String> operations) {

    /** The operations {@code read} in a rule stands for, each of which a rule may name alone. */
    public static final Set<String> READ_OPERATIONS = Set.of("get", "list", "sync", "listen", "search");

    public AuthRuleDef {
        groups = List.copyOf(groups);
        operations = List.copyOf(operations);
    }

    /** Whether the rule allows {@code operation}: by naming it, or {@code read} for the read operations. */
    public boolean allows(String operation) {
        return operations.contains(operation) || (READ_OPERATIONS.contains(operation) && operations.contains("read"));
    }

    /** Whether the rule lets its callers read records in some way: {@code read}, or any operation it stands for. */
    public boolean readsRecords() {
        return operations.contains("read") || operations.stream().anyMatch(READ_OPERATIONS::contains);
    }
}
