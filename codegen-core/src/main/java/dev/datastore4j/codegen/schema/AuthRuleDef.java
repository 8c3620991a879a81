package dev.datastore4j.codegen.schema;

import java.util.List;

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

    public AuthRuleDef {
        groups = List.copyOf(groups);
        operations = List.copyOf(operations);
    }
}
